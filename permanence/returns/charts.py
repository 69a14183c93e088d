"""Horizontal bar charts drawn as SVG on the server: no JavaScript, no dependency. Each chart is
decorative beside the table that carries the same figures (aria-hidden), so screen readers read
the table once rather than the picture and the table twice."""

from django.utils.html import escape

WIDTH, BAR, GAP, LABEL = 560, 22, 10, 200


def bar_chart(rows, *, threshold=None, unit=""):
    values = [(label, value) for label, value in rows if value is not None]
    if not values:
        return ""
    top = max([v for _, v in values] + ([threshold] if threshold else [])) or 1
    scale = (WIDTH - LABEL - 60) / top
    height = len(values) * (BAR + GAP) + GAP + (18 if threshold else 0)
    parts = [
        f'<svg class="app-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-hidden="true" '
        f'focusable="false" font-family="GDS Transport, arial, sans-serif" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, value) in enumerate(values):
        y = GAP + i * (BAR + GAP)
        width = max(1, round(value * scale))
        over = threshold is not None and value > threshold
        colour = "#d4351c" if over else "#1d70b8"
        short = label if len(label) <= 30 else label[:29] + "…"
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + BAR - 6}" text-anchor="end" font-size="13" fill="#0b0c0c">'
            f"{escape(short)}</text>"
        )
        parts.append(f'<rect x="{LABEL}" y="{y}" width="{width}" height="{BAR}" fill="{colour}"/>')
        parts.append(
            f'<text x="{LABEL + width + 6}" y="{y + BAR - 6}" font-size="13" fill="#0b0c0c">{escape(value)}</text>'
        )
    if threshold:
        x = LABEL + round(threshold * scale)
        parts.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{height - 18}" stroke="#0b0c0c" stroke-width="2" '
            f'stroke-dasharray="4 3"/>'
        )
        parts.append(
            f'<text x="{x}" y="{height - 4}" text-anchor="middle" font-size="12" fill="#0b0c0c">'
            f"threshold {threshold} {escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
