"""Whose number it is: the company or index a number is about, and the names that are not it.

The subject of a number's clause before names in an aside or after a preposition; what "it" or "the chipmaker"
points back to; a name described by an apposition or a relative clause; a name a correction denies; futures
that are not their index; another name's move given as a comparison; whose record a record word is.

- ``subjects``: the clause's grammatical subject and what a reference back points to (``pick_subject``)
- ``names``: who a sentence may be about: names, references back, groups, names that only modify a noun
- ``antecedent``: the name a relative clause's number is about ("…, which added 1.5%")
- ``appositions``: a clause enclosed by commas or dashes that describes the name before it
- ``lonename``: a sentence with no number that opens with a name: whom "it" refers to next
- ``denials``: a name after "not" is not whom the number is about; a figure after ", not" is withdrawn
- ``futures``: "S&P 500 futures" are not the index: no claim
- ``aheadof``: another name's move given as a comparison ("ahead of ASML at 3.9%")
- ``recordowner``: whose record a record word in a clause of its own is
- ``openingphrase``: a number in a look back that opens an English sentence is the main clause's subject's
"""
