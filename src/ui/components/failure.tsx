import { Box } from 'ink';
import { COLORS } from '../theme.js';
import { Text } from './text.js';

export interface FailureProps {
  /** What failed and why, as the core's error says it. */
  readonly message: string;
  /** What to do next; null when the core has nothing to say. */
  readonly hint: string | null;
}

/**
 * A failure as every panel shows it: what failed and why, then what to do, both wrapped so they
 * are read in full. A failed call and a spec that could not be downloaded look the same.
 */
export function Failure({ message, hint }: FailureProps) {
  return (
    <Box flexDirection="column">
      <Text color={COLORS.danger} wrap="wrap">{`failed: ${message}`}</Text>
      {hint ? <Text wrap="wrap">{hint}</Text> : null}
    </Box>
  );
}
