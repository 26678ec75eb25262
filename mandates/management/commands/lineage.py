"""Print the stored lineage: links between renewed mandates and fulfilments read from the next resolution."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from mandates import selectors


class Command(BaseCommand):
    help = 'Print {"links": [...], "fulfilled": [...]} as stored (ingest computes them).'

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--all", action="store_true", help="include links staff broke")

    def handle(self, *args, **options):
        data = selectors.lineage_export(include_broken=options["all"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, indent=1, ensure_ascii=False))
            return
        for link in data["links"]:
            self.stdout.write(
                f"{link['from_document']} #{link['from_mandate']} -> {link['to_document']} #{link['to_mandate']}"
                f"  {link['confidence']:.2f}  {link['evidence'][:120]}"
            )
        for item in data["fulfilled"]:
            self.stdout.write(
                f"#{item['mandate']} submitted as {item['submitted_symbol']}: {item['document']} ¶{item['paragraph']}"
            )
        self.stdout.write(f"{len(data['links'])} links, {len(data['fulfilled'])} fulfilled from later resolutions")
