/**
 * Reaction values: Ethora sends emoji-mart ids (`+1`, `heart`) where XEP-0444 wants Unicode.
 * The parser maps known ids to Unicode, lets Unicode through, keeps other short ids as text
 * (the view shows them as words) and drops anything else, so one reaction cannot carry an
 * essay or a thousand entries.
 */

/** emoji-mart id -> Unicode. The first id listed for a character is the one Ethora gets back. */
const ID_TO_EMOJI: ReadonlyArray<readonly [string, string]> = [
  ['+1', '👍'],
  ['thumbsup', '👍'],
  ['-1', '👎'],
  ['thumbsdown', '👎'],
  ['heart', '❤️'],
  ['joy', '😂'],
  ['smile', '😄'],
  ['laughing', '😆'],
  ['satisfied', '😆'],
  ['open_mouth', '😮'],
  ['cry', '😢'],
  ['sob', '😭'],
  ['fire', '🔥'],
  ['tada', '🎉'],
  ['clap', '👏'],
  ['pray', '🙏'],
  ['eyes', '👀'],
  ['thinking_face', '🤔'],
  ['thinking', '🤔'],
  ['white_check_mark', '✅'],
  ['heavy_check_mark', '✔️'],
  ['x', '❌'],
  ['rocket', '🚀'],
  ['100', '💯'],
  ['ok_hand', '👌'],
  ['wave', '👋'],
  ['heart_eyes', '😍'],
  ['grinning', '😀'],
  ['smiley', '😃'],
  ['grin', '😁'],
  ['sweat_smile', '😅'],
  ['rolling_on_the_floor_laughing', '🤣'],
  ['blush', '😊'],
  ['slightly_smiling_face', '🙂'],
  ['upside_down_face', '🙃'],
  ['wink', '😉'],
  ['kissing_heart', '😘'],
  ['star-struck', '🤩'],
  ['hugging_face', '🤗'],
  ['partying_face', '🥳'],
  ['sunglasses', '😎'],
  ['scream', '😱'],
  ['rage', '😡'],
  ['angry', '😠'],
  ['muscle', '💪'],
  ['raised_hands', '🙌'],
  ['star', '⭐'],
  ['sparkles', '✨'],
  ['broken_heart', '💔'],
];

const toEmoji = new Map<string, string>(ID_TO_EMOJI);
/** Keyed without VS16 (U+FE0F): `❤` and `❤️` are the same reaction. */
const toId = new Map<string, string>();
for (const [id, emoji] of ID_TO_EMOJI) if (!toId.has(bare(emoji))) toId.set(bare(emoji), id);

function bare(s: string): string {
  return s.replace(/\uFE0F/g, '');
}

/** At most this many distinct reactions per sender and message. */
export const MAX_REACTIONS = 20;
/** Longest accepted emoji sequence, in code points (a skin-toned couple ZWJ sequence is 10). */
const MAX_EMOJI_CODE_POINTS = 10;
/** An unknown emoji-mart-like id kept as text: letters, digits, `_ + -`. */
const TEXT_ID = /^[a-z0-9_+-]{1,32}$/i;
/** Only emoji building blocks: pictographs, skin tones, flags, keycaps, ZWJ, VS16, tag characters. */
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\u200d\ufe0f\u20e3#*0-9\u{e0020}-\u{e007f}])+$/u;
const EMOJI_CORE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** True for a short string made only of emoji (one reaction's worth). */
export function isEmoji(value: string): boolean {
  return EMOJI_ONLY.test(value) && EMOJI_CORE.test(value) && [...value].length <= MAX_EMOJI_CODE_POINTS;
}

/** One received value -> what to show: Unicode for known ids and emoji, the id for other short ids, else undefined. */
export function reactionFromWire(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  const mapped = toEmoji.get(v) ?? toEmoji.get(v.toLowerCase());
  if (mapped) return mapped;
  if (isEmoji(v)) return v;
  return TEXT_ID.test(v) ? v : undefined;
}

/** One value to send to Ethora: its emoji-mart id where known, else the value itself. */
export function emojiMartId(value: string): string {
  return toId.get(bare(value)) ?? value;
}

/** Received values -> distinct, acceptable reactions in order, at most MAX_REACTIONS. */
export function cleanReactions(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    const r = reactionFromWire(value);
    if (r === undefined || seen.has(bare(r))) continue;
    seen.add(bare(r));
    out.push(r);
    if (out.length >= MAX_REACTIONS) break;
  }
  return out;
}
