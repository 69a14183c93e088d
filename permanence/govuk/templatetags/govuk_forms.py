"""Template tags behind templates/govuk/: what a field's partial needs, the error summary's
links, and the page title's "Error: " prefix (said once, by base.html, never by a page)."""

from django import forms, template

from permanence.govuk.forms import GovukDateField, control_id, date_parts, error_links

register = template.Library()

KINDS = {
    "textarea": "textarea",
    "select": "select",
    "nullbooleanselect": "select",
    "radioselect": "radios",
    "checkboxselectmultiple": "checkboxes",
    "checkbox": "checkbox",
    "hidden": "hidden",
    "number": "number",
    "password": "password",
    "email": "email",
    "govukdate": "date",
}


def _chosen(value, chosen):
    if isinstance(chosen, (list, tuple)):
        return str(value) in [str(c) for c in chosen]
    if chosen is None:
        return False
    if isinstance(chosen, bool):
        return str(value) == str(chosen)
    return str(value) == str(chosen)


@register.simple_tag
def govuk_field(bound, label=None, hint=None, choices=None, id=None):
    """Everything the field partial shows for a bound field, worked out once."""
    field = bound.field
    kind = "date" if isinstance(field, GovukDateField) else KINDS.get(bound.widget_type, "text")
    first = id or bound.auto_id or f"id_{bound.html_name}"
    hint = hint or field.help_text or ""  # an unset template variable arrives as ""
    value = bound.value()
    options = []
    if kind in ("radios", "checkboxes", "select"):
        for index, choice in enumerate(choices if choices else field.choices):
            choice = tuple(choice)
            option_value = choice[0]
            if hasattr(option_value, "value"):  # ModelChoiceIteratorValue
                option_value = option_value.value
            option_value = "" if option_value is None else option_value
            options.append(
                {
                    "value": option_value,
                    "label": choice[1],
                    "hint": choice[2] if len(choice) > 2 else "",
                    "id": first if index == 0 else f"{first}-{index + 1}",
                    "chosen": _chosen(option_value, value),
                }
            )
    described = []
    if hint:
        described.append(f"{first}-hint")
    if bound.errors:
        described.append(f"{first}-error")
    max_length = getattr(field, "max_length", None) if kind == "textarea" else None
    if max_length:
        described.insert(0, f"{first}-info")
    if kind == "text" and isinstance(value, (list, tuple)):
        value = ""
    return {
        "id": first,
        "name": bound.html_name,
        "kind": kind,
        "label": label or field.label or "",
        "hint": hint,
        "errors": bound.errors,
        "value": "" if value is None else value,
        "options": options,
        "parts": date_parts(value) if kind == "date" else None,
        "error_id": control_id(bound.form, bound.name) if bound.name in bound.form.fields else first,
        "describedby": " ".join(described),
        "max_length": max_length,
        "required": field.required,
    }


@register.simple_tag
def govuk_error_links(*forms_with_errors):
    """(href, message) for every error of the forms given (the error summary's list)."""
    links = []
    for form in forms_with_errors:
        if isinstance(form, forms.BaseForm) and form.errors:
            links.extend(error_links(form))
        elif isinstance(form, dict):  # {field or "#anchor": [messages]}, for a page without a form
            for name, messages in form.items():
                href = name if name.startswith("#") else f"#id_{name}"
                for message in messages if isinstance(messages, (list, tuple)) else [messages]:
                    links.append((href, message))
    return links


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """'Error: ' when any form on the page has errors, or a stale edit was refused; once only."""
    for key, value in context.flatten().items():
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            return "Error: "
        if key in ("conflicts", "stale", "unversioned", "errors", "problems") and value:
            return "Error: "
        if key == "result" and getattr(value, "problems", None):  # an import refused whole
            return "Error: "
    return ""
