"""Text the product writes out or takes in, made safe in one place (pure: no Django).

- `cells`: every spreadsheet and CSV cell built from people's text is neutralised against
  formulas (a leading =, +, -, @, tab or carriage return), and imports can refuse such text.
- `free_text`: length limits and the invisible characters that can disguise a name.
- `counts`: a count of days written one way everywhere ("3,649 days").
"""
