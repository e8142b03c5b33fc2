// The floor of the TUI's first frame (bench/tui-start.mjs): Node, Ink and React alone drawing one
// bordered box, bundled the way dist/keyhole.js is. keyhole cannot draw its first frame sooner.
import { Box, Text, render } from 'ink';

render(
  <Box borderStyle="round">
    <Text>ready</Text>
  </Box>,
);
