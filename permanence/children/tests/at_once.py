"""Many people saving at the same moment: the harness every concurrency test shares."""

import threading

from django.db import connections

WRITERS = 20


def at_once(act, writers=WRITERS):
    """Run `act(n)` for each of `writers` people, each in its own thread on its own database
    connection, all released together by a barrier (no sleeping). Returns {n: what `act` returned,
    or the exception it raised}, so a test counts the accepted, the refused and any failure."""
    start = threading.Barrier(writers)
    results = {}

    def run(n):
        try:
            start.wait()
            results[n] = act(n)
        except Exception as error:  # kept for the test to judge; a thread cannot raise into it
            results[n] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def statuses(results):
    """The HTTP statuses of `at_once`'s answers, sorted; any exception fails the test here."""
    failures = [repr(r) for r in results.values() if isinstance(r, Exception)]
    assert failures == [], failures
    return sorted(results.values())
