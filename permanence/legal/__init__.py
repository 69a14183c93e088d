"""Legal routes to permanence and who may apply for what. Pure Python: no Django here.

`routes` says, order by order, who holds parental responsibility, how long it lasts, how it
ends, whether the child stays looked after, and what reviews, support and allowances follow,
each fact with its citation. `eligibility` says whether a person may apply for a child
arrangements order without the court's leave (Children Act 1989 s10(5), (5A), (5B)).
"""
