"""Recording a child's facts: the forms (forms.py) and the list of kinds of fact (kinds.py) that
the pages, the JSON API and the "Record" menu are built from."""
