"""kombu's Redis transport, patched so that a Redis restart neither kills a worker that holds unacknowledged
messages (a countdown/ETA task waiting in the worker, a running `acks_late` task) nor loses those messages.

The bug (kombu 5.7.0 with celery 5.7.0, the latest; reproduced by tests/test_broker_faults.py): when the
connection to Redis drops, the worker first "collects" the broken connection, which sets the transport's
`client` to None, then closes it. Closing the channel restores the unacknowledged messages to their queue,
which needs the broker's address from `transport.client`: `AttributeError: 'NoneType' object has no
attribute 'hostname'`. That is not a connection error, so the worker exits ("Unrecoverable error"); the
same symptom as celery/kombu#970 and #582. And even if it did not crash, Redis is down at that moment, so
the restore could not succeed: the worker has already dropped its countdown tasks (celery cancels them on a
connection loss and expects the broker to redeliver them), so they would wait for the visibility timeout,
or be lost if Redis restarted without persistence.

The patch:
- on a connection loss, the channel keeps the unacknowledged messages in this process instead of writing
  them to an unreachable Redis;
- when the worker consumes again (Redis is back and its queues are declared), they are put back on their
  queue (and removed from Redis' unacked index if it survived), so a countdown task runs at its ETA;
- each channel remembers the broker's address, so a task that was running during the outage can still be
  acknowledged through its old channel afterwards.
A warm shutdown (transport still open) restores messages exactly as kombu does.
"""

from __future__ import annotations

import logging
import threading

from kombu.transport import redis

logger = logging.getLogger(__name__)

# Messages taken off a lost connection, by broker URL: (delivery tag, payload, exchange, routing key).
_lost: dict[str, list[tuple[str, dict, str, str]]] = {}
_lost_lock = threading.Lock()


def _broker_key(client) -> str:
    return client.as_uri(include_password=False)


class QoS(redis.QoS):
    def restore_unacked(self, client=None):
        channel = self.channel
        if client is None and channel.connection.client is None:
            # The connection was collected after a failure: Redis cannot be reached now. Keep the messages
            # here; Channel.basic_consume puts them back once the worker is connected again.
            kept = [
                (tag, message._raw, message.delivery_info["exchange"], message.delivery_info["routing_key"])
                for tag, message in self._delivered.items()
            ]
            with _lost_lock:
                _lost.setdefault(_broker_key(channel._broker), []).extend(kept)
            logger.warning("broker connection lost: %d unacknowledged message(s) kept to restore", len(kept))
            self._delivered.clear()
            return []
        return super().restore_unacked(client)


class Channel(redis.Channel):
    QoS = QoS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._broker = self.connection.client  # kombu Connection: where this channel's Redis is

    def _connparams(self, asynchronous=False):
        transport = self.connection
        if transport.client is not None:
            return super()._connparams(asynchronous=asynchronous)
        # The transport was closed under this channel (connection loss): reach Redis at the address the
        # channel was opened with, e.g. to acknowledge a task that finished after the reconnect.
        transport.client = self._broker
        try:
            return super()._connparams(asynchronous=asynchronous)
        finally:
            transport.client = None

    def basic_consume(self, *args, **kwargs):
        consumer_tag = super().basic_consume(*args, **kwargs)
        self._restore_lost()
        return consumer_tag

    def _restore_lost(self) -> None:
        """Put the messages kept from a lost connection back on their queues (at the front, as kombu's own
        restore does), and drop them from the unacked index in case Redis kept it. A message whose queue is
        not bound yet (a Redis that restarted empty, before the task consumer declared its queues) waits for
        the next consume.
        """
        key = _broker_key(self._broker)
        with _lost_lock:
            lost = _lost.pop(key, [])
        if not lost:
            return
        waiting, restored = [], 0
        try:
            with self.conn_or_acquire() as client, client.pipeline() as pipe:
                for item in lost:
                    tag, payload, exchange, routing_key = item
                    if not self._lookup(exchange, routing_key):
                        waiting.append(item)
                        continue
                    pipe.zrem(self.unacked_index_key, tag).hdel(self.unacked_key, tag)
                    self._do_restore_message(payload, exchange, routing_key, pipe, leftmost=True)
                    restored += 1
                pipe.execute()
        except self.connection_errors:
            waiting = lost
            raise
        finally:
            if waiting:
                with _lost_lock:
                    _lost.setdefault(key, []).extend(waiting)
        if restored:
            logger.warning("restored %d message(s) kept from a lost broker connection", restored)


class Transport(redis.Transport):
    Channel = Channel
