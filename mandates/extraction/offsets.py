"""Edits and offset maps: every normalisation stage rewrites the text and records how to map back.

A stage finds edits with regexes (start, end, replacement) over its input text and applies them in
one pass. The result is the new text plus an `OffsetMap`: a list of segments, each either copied
verbatim from the input (1:1 offsets) or inserted by a replacement (all its positions map to the
span it replaced). Mapping a position back is one `bisect` per stage, so no per-character tables.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

Edit = tuple[int, int, str]  # (start, end, replacement) in the stage's input text


@dataclass
class OffsetMap:
    """Maps positions in a stage's output back to its input."""

    new_starts: list[int] = field(default_factory=list)
    old_starts: list[int] = field(default_factory=list)
    old_ends: list[int] = field(default_factory=list)
    copied: list[bool] = field(default_factory=list)
    new_length: int = 0

    def to_old(self, pos: int) -> int:
        """Position in the input text of the character at `pos` in the output (start side)."""
        if not self.new_starts:
            return pos
        i = max(bisect_right(self.new_starts, pos) - 1, 0)
        if self.copied[i]:
            return min(self.old_starts[i] + (pos - self.new_starts[i]), self.old_ends[i])
        return self.old_starts[i]

    def end_to_old(self, pos: int) -> int:
        """Input position for an exclusive end offset `pos` (maps the last included character)."""
        if pos <= 0:
            return self.to_old(0)
        i = max(bisect_right(self.new_starts, pos - 1) - 1, 0)
        if self.copied[i]:
            return min(self.old_starts[i] + (pos - self.new_starts[i]), self.old_ends[i])
        return self.old_ends[i]

    def to_new(self, pos: int) -> int:
        """Output position of input position `pos` (start side); a deleted position maps to what follows it."""
        if not self.new_starts:
            return pos
        i = bisect_right(self.old_starts, pos) - 1
        if i < 0:
            return 0
        if pos < self.old_ends[i]:
            return self.new_starts[i] + (pos - self.old_starts[i]) if self.copied[i] else self.new_starts[i]
        return self.new_starts[i + 1] if i + 1 < len(self.new_starts) else self.new_length

    def end_to_new(self, pos: int) -> int:
        """Output position for an exclusive input end offset `pos` (maps the last included character)."""
        if pos <= 0 or not self.new_starts:
            return max(pos, 0)
        last = pos - 1
        i = bisect_right(self.old_starts, last) - 1
        if i < 0:
            return 0
        if last < self.old_ends[i] and self.copied[i]:
            return self.new_starts[i] + (last - self.old_starts[i]) + 1
        return self.new_starts[i + 1] if i + 1 < len(self.new_starts) else self.new_length


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits (overlaps: the earlier-starting edit wins) and build the map.

    One character replaced by one ("\\n" -> " " when unwrapping lines) maps exactly as copied text does, so it joins
    the copied segment around it: the same mapping with far fewer segments. Not at the end of the new text, where a
    replaced segment maps the end position differently from a copied one. Written out (no helper calls): unwrapping
    makes thousands of edits."""
    pieces: list[str] = []
    omap = OffsetMap()
    new_starts, old_starts, old_ends, copied = omap.new_starts, omap.old_starts, omap.old_ends, omap.copied
    length = len(text)
    new_pos = 0
    old_pos = 0
    joinable = False  # the last segment is copied and ends where the next copied text starts (old and new)
    replaced_last = None  # (new, old start, old end) of a one-for-one replacement that ends the last segment
    for start, end, repl in sorted(edits, key=lambda e: (e[0], -e[1])):
        if start < old_pos:
            continue  # overlaps an edit already applied
        if start > old_pos:
            pieces.append(text[old_pos:start])
            if joinable:
                old_ends[-1] = start
            else:
                new_starts.append(new_pos)
                old_starts.append(old_pos)
                old_ends.append(start)
                copied.append(True)
            new_pos += start - old_pos
            joinable = True
            replaced_last = None
        if repl:
            pieces.append(repl)
            if end - start == 1 and len(repl) == 1 and end < length:
                if joinable and old_ends[-1] == start:
                    old_ends[-1] = end
                else:
                    new_starts.append(new_pos)
                    old_starts.append(start)
                    old_ends.append(end)
                    copied.append(True)
                joinable = True
                replaced_last = (new_pos, start, end)
            else:
                new_starts.append(new_pos)
                old_starts.append(start)
                old_ends.append(end)
                copied.append(False)
                joinable = False
                replaced_last = None
            new_pos += len(repl)
        else:
            joinable = False  # a pure deletion adds no segment: the next copied segment carries the offsets on
        old_pos = end
    if old_pos < length or not pieces:
        pieces.append(text[old_pos:])
        if joinable and old_ends[-1] == old_pos:
            old_ends[-1] = length
        else:
            new_starts.append(new_pos)
            old_starts.append(old_pos)
            old_ends.append(length)
            copied.append(True)
        new_pos += length - old_pos
        replaced_last = None
    if replaced_last is not None:
        # The new text ends with a one-for-one replacement: it gets a replaced segment of its own, as it always had.
        at, start, end = replaced_last
        if new_starts[-1] == at:
            copied[-1] = False
        else:
            old_ends[-1] = start
            new_starts.append(at)
            old_starts.append(start)
            old_ends.append(end)
            copied.append(False)
    omap.new_length = new_pos
    return "".join(pieces), omap


def map_forward(maps: list[OffsetMap], start: int, end: int) -> tuple[int, int]:
    """Map a [start, end) span of the original text forward through every stage to the final text."""
    for omap in maps:
        start, end = omap.to_new(start), omap.end_to_new(end)
    return start, max(start, end)


def map_back(maps: list[OffsetMap], start: int, end: int) -> tuple[int, int]:
    """Map a [start, end) span in the final text back through every stage to the original text.

    `OffsetMap.to_old` and `end_to_old` written out in the loop: publishing maps every paragraph and mandate through
    every stage, and the two method calls per stage were most of its cost."""
    for omap in reversed(maps):
        new_starts = omap.new_starts
        if not new_starts:
            continue  # no segments (`apply_edits` never builds such a map): nothing to map
        old_starts, old_ends, copied = omap.old_starts, omap.old_ends, omap.copied
        i = bisect_right(new_starts, start) - 1
        if i < 0:
            i = 0
        if copied[i]:
            mapped = old_starts[i] + (start - new_starts[i])
            mapped_start = mapped if mapped < old_ends[i] else old_ends[i]
        else:
            mapped_start = old_starts[i]
        if end <= 0:
            end = omap.to_old(0)
        else:
            j = bisect_right(new_starts, end - 1) - 1
            if j < 0:
                j = 0
            if copied[j]:
                mapped = old_starts[j] + (end - new_starts[j])
                end = mapped if mapped < old_ends[j] else old_ends[j]
            else:
                end = old_ends[j]
        start = mapped_start
    return start, end
