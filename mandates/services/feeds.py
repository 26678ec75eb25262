"""Calendar feed tokens."""

from __future__ import annotations

from django.utils import timezone

from mandates.models import FeedToken
from mandates.models.tracking import _new_token


def feed_token_rotate(*, user) -> FeedToken:
    """Give `user` a new feed token, valid from now; the old one stops working at once."""
    token, created = FeedToken.objects.get_or_create(user=user)
    if not created:
        FeedToken.objects.filter(pk=token.pk).update(token=_new_token(), created_at=timezone.now())
        token.refresh_from_db()
    return token
