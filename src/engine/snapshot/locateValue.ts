import { ByteCursor } from './byteCursor';
import { NumberArrayTokenizer, NumberSink, ValuePositions } from './numberArrayTokenizer';
import { SectionReader } from './sectionReader';
import { WideColumn } from './wideColumn';

/**
 * Where value `ordinal` (0-based, in file order) of a number section starts in the file, found by
 * reading the section again from `offset` (where its '[' is). The sinks remember which record held
 * a value an error may later need to point at (the largest name index: whether it is in range is
 * known only once the strings are read), not the byte, so the first reading keeps no per-number
 * positions; this second one happens only for such an error.
 */
export async function locateValue(
  reader: SectionReader,
  cursor: ByteCursor,
  tokenizer: NumberArrayTokenizer,
  offset: number,
  section: string,
  ordinal: number,
  /** The section's column past 2^32, if any: its values are read as its sink reads them. */
  wide: WideColumn | null = null,
): Promise<number> {
  await cursor.seek(offset);
  const finder = new ValueFinder(ordinal, wide);
  await reader.numbers(tokenizer, finder, section);
  if (finder.position < 0) throw new Error(`unreachable: value ${ordinal} of "${section}" not found on reading it again`);
  return finder.position;
}

/** Takes every value, noting where the one wanted starts as its batch goes by. */
class ValueFinder implements NumberSink {
  position = -1;
  private seen = 0;

  constructor(
    private readonly ordinal: number,
    readonly wide: WideColumn | null,
  ) {}

  take(_values: Uint32Array, count: number, where: ValuePositions): number {
    const j = this.ordinal - this.seen;
    if (j >= 0 && j < count) this.position = where.positionOf(j);
    this.seen += count;
    return count;
  }

  finish(): void {}
}
