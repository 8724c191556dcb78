/**
 * Cited ids written the ways that must intern together ('W12', 'w12', ' W12 ') and the ways that
 * must stay apart (leading zeros, another entity, too many digits, no entity letter).
 */
export const CITED_ID_SHAPES = [
  'W12',
  'w12',
  ' W12 ',
  'W012',
  'A12',
  'W0',
  'W00',
  'W123456789012345',
  'x12',
  'W4000000001',
];
