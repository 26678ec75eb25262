"""Ingest files or folders of UN documents (text, PDF, Word .docx, HTML, Akoma Ntoso XML)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mandates.extraction.readers import FileTooLarge, too_large_message
from mandates.extraction.types import ExtractionError
from mandates.management.batch_run import ingest_with_workers
from mandates.services.ingest import document_ingest

SUFFIXES = {".txt", ".text", ".md", ".pdf", ".docx", ".html", ".htm", ".xhtml", ".xml"}


def collect_paths(paths: list[str]) -> list[Path]:
    """Files as given, plus every file with a known suffix under the given folders (sorted, recursive).

    Hidden files and folders (".git", "~$lock.docx") are skipped when walking a folder.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if (
                    child.is_file()
                    and child.suffix.lower() in SUFFIXES
                    and not any(part.startswith((".", "~$")) for part in rel)
                ):
                    found.append(child)
        else:
            found.append(path)
    return found


class Command(BaseCommand):
    help = (
        "Read, extract and store documents. PATH may be files or folders (searched recursively for "
        ".txt .md .pdf .docx .html .xml). A file whose content is already stored is reported as unchanged; "
        "a new version of a stored document updates its mandates but keeps staff edits. Errors are "
        "printed one line per file on stderr; the command continues and exits 1 if any file failed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--quiet", action="store_true", help="Print only errors and the summary line.")
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="Extract and store again even when the content is already stored (after extraction improved); "
            "staff edits are kept.",
        )
        parser.add_argument(
            "--workers",
            "--async",
            dest="workers",
            action="store_true",
            help="Send the files to the Celery workers as a group of tasks (one per file), show a progress bar and "
            "a summary: created, updated, unchanged, refused (with each reason). Needs `celery -A tracker worker`.",
        )
        parser.add_argument("--queue", default=None, help="With --workers: the Celery queue to send to.")
        parser.add_argument("--broker", default=None, help="With --workers: broker URL (default CELERY_BROKER_URL).")
        parser.add_argument(
            "--timeout", type=float, default=3600, help="With --workers: seconds to wait for the batch (default 3600)."
        )
        parser.add_argument(
            "--allow-no-resolutions",
            action="store_true",
            help=(
                "Store documents without resolutions or decisions even when they do not say they answer one "
                "(reports that do, e.g. 'prepared pursuant to resolution 75/196', are always stored)."
            ),
        )

    def handle(
        self, *args, paths: list[str], quiet: bool, allow_no_resolutions: bool, reextract: bool, **options
    ) -> None:
        files = collect_paths(paths)
        if not files:
            raise CommandError("no documents found in the given paths")
        if options["workers"]:
            return ingest_with_workers(
                self,
                files,
                quiet=quiet,
                require_operative=not allow_no_resolutions,
                reextract=reextract,
                queue=options["queue"],
                timeout=options["timeout"],
                broker_url=options["broker"],
            )
        total = len(files)
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        mandates = waiting = 0
        for number, path in enumerate(files, start=1):
            try:
                if not path.is_file():
                    raise ExtractionError("no such file")
                size = path.stat().st_size
                if size > settings.INGEST_MAX_BYTES:
                    # Refuse before loading a huge file into memory.
                    raise FileTooLarge(too_large_message(size, settings.INGEST_MAX_BYTES))
                outcome = document_ingest(
                    data=path.read_bytes(),
                    filename=path.name,
                    require_operative=not allow_no_resolutions,
                    reextract=reextract,
                )
            except (ExtractionError, OSError) as exc:
                counts["failed"] += 1
                message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self.stderr.write(f"{path.name}: {message}")
                continue
            except Exception as exc:  # a bug in extraction must not stop a batch of 40 files
                counts["failed"] += 1
                first_line = (str(exc).strip().splitlines() or [""])[0][:200]
                self.stderr.write(f"{path.name}: unexpected error ({type(exc).__name__}: {first_line})")
                continue
            counts[outcome.status] += 1
            mandates += outcome.mandates_total
            waiting += outcome.candidates_waiting
            if not quiet:
                self.stdout.write(f"[{number}/{total}] {path.name}: {outcome.summary()}")
                for note in outcome.notes:
                    self.stdout.write(f"    note: {note}")
        summary = (
            f"{total} file{'s' if total != 1 else ''}: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed; {mandates} mandates, {waiting} waiting for review"
        )
        self.stdout.write(summary)
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {total} files failed", returncode=1)
