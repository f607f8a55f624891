import type { TextSegment } from '../../../electron/shared/contract';

/** Search highlighting: segments become text and <mark>, never HTML. */
export function Marked({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </>
  );
}
