"""Reading many children's rows at once."""


def among(field, ids):
    """Filter arguments selecting rows for these children.

    A batch of a national run is a contiguous slice of ids: a range (two parameters) then beats an
    IN list of thousands, whose parameters Django prepares one by one. Rows of children outside the
    batch that fall inside the range are ignored, since snapshots are built only for `ids`.
    """
    ids = sorted(ids)
    if len(ids) > 200 and ids[-1] - ids[0] < 2 * len(ids):
        return {f"{field}__gte": ids[0], f"{field}__lte": ids[-1]}
    return {f"{field}__in": ids}
