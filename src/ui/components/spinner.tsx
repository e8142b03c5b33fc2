import { useClock } from '../hooks/use-clock.js';
import { COLORS } from '../theme.js';
import { Text } from './text.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A braille spinner; it ticks only while it is on screen. */
export function Spinner() {
  const now = useClock(120);
  return <Text color={COLORS.accent}>{FRAMES[Math.floor(now / 120) % FRAMES.length]}</Text>;
}
