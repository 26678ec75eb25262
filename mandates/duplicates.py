"""Possible duplicates within one block of mandates (issue #13). Plain Python: no Django imports.

The selector (selectors.possible_duplicates) blocks open mandates by responsible entity, category and due year
in SQL; this module scores the mandates of one block against each other with rapidfuzz and joins the pairs
into groups. Two mandates of a block are possible duplicates when they come from different instruments, go to
the same or related bodies (one's receiving, due or channel body is one of the other's) and their subjects are
alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from mandates.extraction.vocabulary import words

# 85: on the GA 2020-21 + 2023 corpus, 80 also joined "Question of Anguilla" and "Question of Bermuda".
# token_sort_ratio, not token_set_ratio: a short subject inside a longer one ("women" in "violence against women
# migrant workers") scores 100 with set ratio.
SIMILARITY_MIN = 85
LANGUAGES = ("en", "fr", "es")


@dataclass(frozen=True)
class Candidate:
    id: int
    instrument_id: int
    bodies: frozenset[int]
    subject: str


@dataclass(frozen=True)
class Pair:
    first: int
    second: int
    similarity: float


def self_reference_phrases() -> tuple[str, ...]:
    """Phrases by which a subject names its own instrument ("the implementation of the present resolution"), in
    every language: such a subject says no more than the instrument's title, which is compared instead (the
    selector does the substitution in SQL)."""
    return tuple(phrase for language in LANGUAGES for phrase in words("self_references", language))


def related(first: Candidate, second: Candidate) -> bool:
    return bool(first.bodies & second.bodies)


def body_components(block: list[Candidate]) -> list[list[Candidate]]:
    """The block split where no body joins two parts: mandates of different parts can never be related, so
    each part is scored on its own (exact, and far fewer comparisons when a block spans many bodies)."""
    owner: dict[int, int] = {}

    def root(node: int) -> int:
        owner.setdefault(node, node)
        while owner[node] != node:
            owner[node] = owner[owner[node]]
            node = owner[node]
        return node

    for candidate in block:
        bodies = sorted(candidate.bodies)
        for body in bodies[1:]:
            owner[root(body)] = root(bodies[0])
    parts: dict[int, list[Candidate]] = {}
    for candidate in block:
        if candidate.bodies:
            parts.setdefault(root(min(candidate.bodies)), []).append(candidate)
    return list(parts.values())


def block_pairs(block: list[Candidate], min_similarity: float = SIMILARITY_MIN) -> list[Pair]:
    """Every pair of the block from different instruments, to related bodies, with subjects this alike."""
    pairs = []
    for part in body_components(block):
        pairs += _part_pairs(part, min_similarity)
    return pairs


def _part_pairs(block: list[Candidate], min_similarity: float) -> list[Pair]:
    processed = [utils.default_process(c.subject) for c in block]
    pairs = []
    for i, candidate in enumerate(block):
        if not processed[i]:
            continue
        # process.extract scores the rest of the part in one C++ loop, stopping early under the cutoff.
        matches = process.extract(
            processed[i],
            processed[i + 1 :],
            scorer=fuzz.token_sort_ratio,
            processor=None,
            score_cutoff=min_similarity,
            limit=None,
        )
        for _, score, offset in matches:
            other = block[i + 1 + offset]
            if other.instrument_id != candidate.instrument_id and related(candidate, other):
                pairs.append(Pair(candidate.id, other.id, round(score, 1)))
    return pairs


def matches_of(target: Candidate, block: list[Candidate], min_similarity: float = SIMILARITY_MIN) -> list[Pair]:
    """The pairs `target` forms with the others of its block (the mandate page's warning)."""
    others = [c for c in block if c.id != target.id]
    subject = utils.default_process(target.subject)
    if not subject or not others:
        return []
    matches = process.extract(
        subject,
        [utils.default_process(c.subject) for c in others],
        scorer=fuzz.token_sort_ratio,
        processor=None,
        score_cutoff=min_similarity,
        limit=None,
    )
    return [
        Pair(target.id, others[i].id, round(score, 1))
        for _, score, i in matches
        if others[i].instrument_id != target.instrument_id and related(target, others[i])
    ]


def connected_groups(pairs: list[Pair]) -> list[list[int]]:
    """Mandate ids joined by pairs (union-find), each group sorted, groups in order of their first id."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair in pairs:
        parent[root(pair.first)] = root(pair.second)
    groups: dict[int, list[int]] = {}
    for node in parent:
        groups.setdefault(root(node), []).append(node)
    return sorted((sorted(group) for group in groups.values()), key=lambda group: group[0])
