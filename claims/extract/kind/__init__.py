"""What kind of claim a number is: a percent move, a close or other level, the day's high or low, a points
change, a market value, a record; or no market claim at all (a statistic compared with the month before).

The words around a number (its verb, a noun of the close or the extreme, "at one point", a figure heading its
line, "worth") decide the metric; the records state no number and are read from their words alone.

- ``kinds``: levels, points changes, market values and records, read from text (``kind_of``)
- ``records``: record phrases of a sentence and the first day of a record's history
- ``recordwords``: the words of records, records of market value
- ``levelrecord``: a bare "ein Rekord" / "a new record" after a level, the highest close
- ``worthwords``: what a company is worth, said with adverbs or in German
- ``closeextreme``: a close at the day's extreme ("closed at its low of the day")
- ``extremenoun``: a level told by a noun ("The closing price was 9,504 yen", "at its worst")
- ``intradaystretch``: which words of a clause tell whether a level is the day's extreme
- ``atonepoint``: a level reached "at one point", the day's high or low
- ``oncewords``: translated copy's "once" before a move ("it once fell to US$197.98"), the day's extreme
- ``figureheads``: a figure that heads its own line ("28.3% – Vistra's drop on Monday")
- ``fromlevel``: the price a move started from ("fell from $206.38 to $191.33"), the close before
- ``priorperiod``: a figure compared with the month, quarter or year before: no market move
"""
