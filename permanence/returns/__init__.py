"""The SSDA903 children-looked-after return (export, validation, import) and the performance measures."""
