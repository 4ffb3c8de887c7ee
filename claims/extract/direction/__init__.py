"""Rise or fall: the words that say which way a number moved.

The verbs, nouns, particle verbs and phrases of a move in German and English, a move told as a rate, and a
German copula clause that says the move before it again (its direction carried over). The hedges ("about",
"rund") are read in ``claims.hedges`` and ``claims.extract.decide.hedge_of``.

- ``directionwords``: the extractor's words for up and down, both languages
- ``particlestretch``: how far a separable verb's particle may stand from its stem ("legte an der Nasdaq, die 1
  Prozent höher schloss, um 4,5 Prozent zu")
- ``ratewords``: a move told as a rate ("Die Rückgangsrate betrug 2,7 Prozent")
- ``copula``: "waren es sogar 6,6 Prozent": the move told right before, said again
- ``distance``: "noch rund 6,5 Prozent entfernt" from a close named with its level: which way, by the text's levels
- ``priormove``: "gab nach 9,5 Prozent am Montag gestern noch einmal 7,5 Prozent ab": the verb is the number's after
  a "nach" phrase of an earlier move
"""
