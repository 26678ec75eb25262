"""Models, split by domain. Import from `mandates.models`."""

from mandates.models.batches import IngestBatch, IngestItem
from mandates.models.bodies import Body, Entity, Session
from mandates.models.cycles import CycleEvent, CycleItem, ReviewCycle
from mandates.models.documents import Document, DocumentFile, Instrument, Paragraph
from mandates.models.duplicates import DuplicateDismissal, DuplicatePair, DuplicateRefresh
from mandates.models.jobs import ExportJob, JobState, UploadJob
from mandates.models.lineage import MandateLink, NoteFulfilment
from mandates.models.mandates import (
    EXTRACTED_FIELDS,
    Mandate,
    MandateNote,
    MandateText,
    ReviewDecision,
    SavedFilter,
    StatusChange,
)
from mandates.models.tracking import Contact, FeedToken, FlagEvent, JobHeartbeat, Reminder, Subscription

__all__ = [
    "EXTRACTED_FIELDS",
    "Body",
    "Contact",
    "CycleEvent",
    "CycleItem",
    "Document",
    "DuplicateDismissal",
    "DuplicatePair",
    "DuplicateRefresh",
    "DocumentFile",
    "Entity",
    "ExportJob",
    "FeedToken",
    "FlagEvent",
    "IngestBatch",
    "IngestItem",
    "Instrument",
    "JobHeartbeat",
    "JobState",
    "Mandate",
    "MandateLink",
    "NoteFulfilment",
    "MandateNote",
    "MandateText",
    "Paragraph",
    "Reminder",
    "ReviewCycle",
    "ReviewDecision",
    "SavedFilter",
    "Session",
    "StatusChange",
    "Subscription",
    "UploadJob",
]
