"""Models, split by domain. Import from `mandates.models`."""

from mandates.models.bodies import Body, Entity, Session
from mandates.models.documents import Document, DocumentFile, Instrument, Paragraph
from mandates.models.mandates import EXTRACTED_FIELDS, Mandate, MandateText, ReviewDecision, StatusChange
from mandates.models.tracking import Contact, FeedToken, FlagEvent, JobHeartbeat, Reminder, Subscription

__all__ = [
    "EXTRACTED_FIELDS",
    "Body",
    "Contact",
    "Document",
    "DocumentFile",
    "Entity",
    "FeedToken",
    "FlagEvent",
    "Instrument",
    "JobHeartbeat",
    "Mandate",
    "MandateText",
    "Paragraph",
    "Reminder",
    "ReviewDecision",
    "Session",
    "StatusChange",
    "Subscription",
]
