"""The one set of GOV.UK form helpers: every message names the field and says what to do.

- `GovukDateField`: the GOV.UK date input (day, month and year boxes), with the design
  system's messages: "Date of birth must include a month", "... must be a real date",
  "... must be in the past".
- `GovukForm`: a form whose fields' default Django messages ("This field is required.") are
  replaced by ones that name the field ("Enter the date the review was held", "Reasons must
  be 2,000 characters or fewer"); it lists its errors for the error summary, each with the id
  of the control it links to, and takes a service's refusal ({field: message}) onto its fields.

The partials in templates/govuk/ render these (see templates/govuk/README.md).
"""

from datetime import date

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError

from permanence.text import free_text

PARTS = ("day", "month", "year")


def sentence(text):
    """'date of birth' -> 'Date of birth'."""
    return text[:1].upper() + text[1:]


def lower_first(text):
    """'Date of birth' -> 'date of birth', keeping acronyms ('IRO', 'PEP') as they are."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def the(label):
    """'Date the review was held' -> 'the date the review was held' (for 'Enter ...')."""
    words = lower_first(label.rstrip(" ?:"))
    if words.startswith(("the ", "a ", "an ", "your ", "who ", "what ", "when ", "where ", "why ", "how ")):
        return words
    return f"the {words}"


class GovukDateWidget(forms.Widget):
    """The GOV.UK date input: three boxes named <name>-day, <name>-month and <name>-year.

    A single date under the field's own name (2026-03-27 or 27/03/2026) is read too, so a link
    or a script can fill the field; the page always shows the three boxes."""

    def value_from_datadict(self, data, files, name):
        typed = tuple((data.get(f"{name}-{part}") or "").strip() for part in PARTS)
        if not any(typed) and (data.get(name) or "").strip():
            return data.get(name).strip()
        return typed

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}-{part}" in data for part in PARTS)


def date_parts(value):
    """The three boxes' contents: from a date, from what was typed, or empty."""
    if isinstance(value, date):
        return {"day": value.day, "month": value.month, "year": value.year}
    if isinstance(value, (tuple, list)) and len(value) == 3:
        return dict(zip(PARTS, value, strict=True))
    if isinstance(value, str) and value:
        parsed = _single(value)
        if parsed is not None:
            return {"day": parsed.day, "month": parsed.month, "year": parsed.year}
    return {"day": "", "month": "", "year": ""}


def _single(text):
    for separator, order in (("-", (2, 1, 0)), ("/", (0, 1, 2))):
        pieces = text.split(separator)
        if len(pieces) == 3 and all(piece.strip().isdigit() for piece in pieces):
            day, month, year = (int(pieces[i]) for i in order)
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


class GovukDateField(forms.Field):
    """A date typed as day, month and year, refused with the GOV.UK message for each mistake.

    `label` names the date ("Date the review was held") in every message. `past=True` refuses
    today and later ("must be in the past": a date of birth); `not_future=True` refuses only
    later days ("must be today or in the past": a review held, a visit made); `future=True`
    wants a later day. `what` names the date inside a sentence where the label reads badly
    there ("Enter the date introductions start"); `required_message` replaces the whole message.
    """

    widget = GovukDateWidget

    def __init__(
        self,
        *,
        label,
        what=None,
        past=False,
        not_future=False,
        future=False,
        earliest=date(1900, 1, 1),
        required_message=None,
        **kwargs,
    ):
        self.past, self.not_future, self.future, self.earliest = past, not_future, future, earliest
        self.required_message = required_message or f"Enter {what or the(label)}"
        super().__init__(label=label, **kwargs)

    @property
    def subject(self):
        return sentence(str(self.label))

    def parts(self, value):
        return date_parts(value)

    def to_python(self, value):
        if isinstance(value, date) or value is None:
            return value
        if isinstance(value, str):
            if not value.strip():
                return None
            parsed = _single(value.strip())
            if parsed is None:
                raise ValidationError(f"{self.subject} must be a real date", code="invalid")
            return parsed
        day, month, year = value
        if not (day or month or year):
            return None
        missing = [part for part, typed in zip(PARTS, value, strict=True) if not typed]
        if missing:
            raise ValidationError(f"{self.subject} must include a {' and '.join(missing)}", code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"{self.subject} must be a real date", code="invalid")
        if len(year) != 4:
            raise ValidationError(f"The year of {lower_first(self.subject)} must include 4 numbers", code="year")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.subject} must be a real date", code="invalid") from None

    def validate(self, value):
        if value is None:
            if self.required:
                raise ValidationError(self.required_message, code="required")
            return
        today = date.today()
        if self.past and value >= today:
            raise ValidationError(f"{self.subject} must be in the past", code="past")
        if self.not_future and value > today:
            raise ValidationError(f"{self.subject} must be today or in the past", code="future")
        if self.future and value <= today:
            raise ValidationError(f"{self.subject} must be in the future", code="not_future")
        if self.earliest and value < self.earliest:
            raise ValidationError(
                f"{self.subject} must be the same as or after {self.earliest.day} "
                f"{self.earliest.strftime('%B')} {self.earliest.year}",
                code="too_early",
            )


def _is_choice(field):
    return isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField)) or isinstance(
        field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.Select)
    )


def _defaults(field):
    """Django's own messages for this field's class (to tell them from a form's own)."""
    messages = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def _replace_validator(field, kind, message):
    for i, validator in enumerate(field.validators):
        if isinstance(validator, kind):
            limit = validator.limit_value
            field.validators[i] = kind(limit, message=message.format(limit=limit))


class NoHiddenCharacters:
    """Refuses text carrying characters that hide or reorder what a reader sees (a right-to-left
    override, a zero-width space, a control character), naming the field."""

    def __init__(self, subject):
        self.subject = subject

    def __call__(self, value):
        message = free_text.hidden_problem(self.subject, value if isinstance(value, str) else "")
        if message:
            raise ValidationError(message, code="hidden_characters")

    def __eq__(self, other):
        return isinstance(other, NoHiddenCharacters) and other.subject == self.subject


def _limit_text(field, subject):
    """Every box people type into has a length limit (a long box `free_text.LONG`, a line
    `free_text.SHORT`, unless the form set its own) and refuses hidden characters."""
    if isinstance(field.widget, forms.PasswordInput):
        return  # a password is never shown, and its own rules apply
    if field.max_length is None:
        field.max_length = free_text.LONG if isinstance(field.widget, forms.Textarea) else free_text.SHORT
        message = f"{subject} must be {field.max_length:,} characters or fewer"
        field.validators.append(validators.MaxLengthValidator(field.max_length, message=message))
        field.widget.attrs.setdefault("maxlength", str(field.max_length))
    if not any(isinstance(v, NoHiddenCharacters) for v in field.validators):
        field.validators.append(NoHiddenCharacters(subject))


def name_the_field(field):
    """Replace Django's generic messages on `field` with ones that name it (a form's own stay)."""
    if isinstance(field, forms.CharField) and not field.label:
        _limit_text(field, "The text")
    if isinstance(field, GovukDateField) or not field.label:
        return
    label = str(field.label).rstrip(" ?:")
    subject = sentence(label)
    question = str(field.label).rstrip().endswith("?")
    defaults = _defaults(field)
    choice = _is_choice(field)

    def default(key):
        return key in field.error_messages and field.error_messages[key] == defaults.get(key)

    if default("required"):
        if question:
            verb = "Select an answer to" if choice else "Enter an answer to"
            field.error_messages["required"] = f"{verb} “{field.label}”"
        else:
            field.error_messages["required"] = f"{'Select' if choice else 'Enter'} {the(label)}"
    if default("invalid_choice"):
        field.error_messages["invalid_choice"] = f"Select {the(label)} from the list"
    if default("invalid_pk_value"):
        field.error_messages["invalid_pk_value"] = f"Select {the(label)} from the list"
    if default("invalid_list"):
        field.error_messages["invalid_list"] = f"Select {the(label)} from the list"
    if isinstance(field, forms.IntegerField) and default("invalid"):
        field.error_messages["invalid"] = f"{subject} must be a whole number"
    elif isinstance(field, (forms.DecimalField, forms.FloatField)) and default("invalid"):
        field.error_messages["invalid"] = f"{subject} must be a number"
    elif isinstance(field, forms.EmailField) and default("invalid"):
        field.error_messages["invalid"] = f"Enter {the(label)} in the correct format, like name@example.com"
    if isinstance(field, forms.CharField):
        _limit_text(field, subject)
        _replace_validator(field, validators.MaxLengthValidator, f"{subject} must be {{limit:,}} characters or fewer")
        _replace_validator(field, validators.MinLengthValidator, f"{subject} must be {{limit:,}} characters or more")
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        _replace_validator(field, validators.MaxValueValidator, f"{subject} must be {{limit}} or less")
        _replace_validator(field, validators.MinValueValidator, f"{subject} must be {{limit}} or more")


def control_id(form, name):
    """The id of the control an error about `name` links to (the first box, radio or checkbox)."""
    field = form.fields[name]
    auto = form[name].auto_id or f"id_{name}"
    if isinstance(field, GovukDateField):
        return f"{auto}-day"
    return auto


def error_links(form):
    """(href, message) for every error on the form, in the order of its fields."""
    links = []
    names = list(form.fields)
    for message in form.non_field_errors():
        links.append((f"#{control_id(form, names[0])}" if names else "#main-content", message))
    for name in names:
        for message in form.errors.get(name, []):
            links.append((f"#{control_id(form, name)}", message))
    return links


def take_refusal(form, error, renames=None):
    """Put a service's ValidationError ({field: message}) on the form's fields, or above the form
    when the field is not on it, so the person sees every reason on the page they typed into."""
    renames = renames or {}
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages in error.message_dict.items():
        field = renames.get(field, field)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class NamedFieldsMixin:
    """Mix into any Form (or an existing form class) to name the field in every message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            name_the_field(field)

    def full_clean(self):
        # Fields a form adds after __init__ (one per need, per member) are named before cleaning too.
        for field in self.fields.values():
            name_the_field(field)
        super().full_clean()

    def error_links(self):
        return error_links(self)

    def take_refusal(self, error, renames=None):
        take_refusal(self, error, renames)


class GovukForm(NamedFieldsMixin, forms.Form):
    """A plain form in the GOV.UK style; see the module docstring."""


def text(label, *, max_length=None, required=False, **kwargs):
    """A one-line text box."""
    return forms.CharField(label=label, required=required, max_length=max_length, **kwargs)


def long_text(label, *, max_length=2000, required=False, rows=5, **kwargs):
    """A textarea with a character limit (the GOV.UK character count)."""
    return forms.CharField(
        label=label, required=required, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )
