"""Agreement of the mandates read from French and Spanish resolutions with those read from the English ones."""

from pathlib import Path

from django.core.management.base import BaseCommand

from mandates.agreement import agreement


class Command(BaseCommand):
    help = (
        "Over Akoma Ntoso resolutions in ROOT/<collection>/{English,French,Spanish}/, compare the set of (instrument, "
        "paragraph, due_body, due_session or due_event) read from each language with the English one: F1 and the "
        "disagreements."
    )

    def add_arguments(self, parser):
        parser.add_argument("root", nargs="?", default="/tmp/corpus")
        parser.add_argument("--language", action="append", choices=["fr", "es"])
        parser.add_argument("--quiet", action="store_true", help="figures only, no disagreements")

    def handle(self, root, language, quiet, **options):
        for lang in language or ["fr", "es"]:
            result = agreement(Path(root), lang)
            if not quiet:
                for name, side, key in result.disagreements:
                    self.stdout.write(f"{lang}  {name}  {side}: {key}")
            self.stdout.write(
                f"{lang}: agreement F1 {result.f1:.3f} (both {result.tp}, English only {result.fn}, "
                f"{lang} only {result.fp})"
            )
