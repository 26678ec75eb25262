"""Score stored lineage against fixtures/lineage/gold.json and takes_note.json (run in `manage.py shell`).

Series links: for each labelled resolution, the predecessor the tracker chose (services.lineage.
predecessor_instruments) against the label; mandate links are counted per labelled pair.
"""

import json
from pathlib import Path

from mandates.extraction import lineage as rules
from mandates.models import Instrument, MandateLink
from mandates.services.lineage import instrument_name, predecessor_instruments, taken_notes

ROOT = Path("fixtures/lineage")  # run from the project root


def instrument(symbol: str):
    return Instrument.objects.filter(document__symbol=f"A/RES/{symbol}").first()


def main() -> None:
    gold = json.loads((ROOT / "gold.json").read_text())["chains"]
    tp = fp = fn = 0
    for chain in gold:
        found = instrument(chain["successor"])
        chosen = {rules.base_symbol(instrument_name(s.predecessor)) for s in predecessor_instruments(found)}
        expected = {chain["predecessor"]} if chain["predecessor"] else set()
        tp += len(chosen & expected)
        fp += len(chosen - expected)
        fn += len(expected - chosen)
        mandate_links = MandateLink.objects.filter(successor__instrument=found).count()
        print(chain["successor"], "expected", sorted(expected), "found", sorted(chosen), "mandate links", mandate_links)
    print(
        f"series links: tp={tp} fp={fp} fn={fn} precision={tp / max(tp + fp, 1):.3f} recall={tp / max(tp + fn, 1):.3f}"
    )

    cases = json.loads((ROOT / "takes_note.json").read_text())["cases"]
    right = 0
    for case in cases:
        found = instrument(case["resolution"])
        notes = taken_notes(found)
        got = notes[0].symbol if notes else None
        right += got == case["submitted_symbol"]
        print(case["resolution"], "expected", case["submitted_symbol"], "got", got)
    print(f"takes note: {right}/{len(cases)} correct")
    chains = MandateLink.objects.values("successor__instrument").distinct().count()
    print(f"stored: {MandateLink.objects.count()} mandate links, {chains} successor instruments with a link")


main()
