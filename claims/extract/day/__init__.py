"""Which session(s) a number is about: the period phrases of a sentence, the number each belongs to, and the day
a number with no day words of its own takes (from its clause, the number before it, the story so far, a heading).

``whenof`` puts it together for every claim; ``periodof`` reads one number's day words; the other modules
each decide one way a day is said or shared (a day said again, a count of sessions later, a possessive day,
a week counted in paragraphs, a list's heading, a look-back clause).

- ``timewords``: period phrases in running text, with their offsets
- ``whenof``: the period of a number, from its sentence and the numbers before it
- ``periodof``: the day words of one number; a counted period anchored on the story's day
- ``periodclauses``: which number a period belongs to when a sentence names several
- ``dayowner``: which number of a clause a day named in it belongs to
- ``relativephrase``: a day said relative to another ("the following day", "am Tag zuvor")
- ``dayagain``: a weekday said again of a day named before ("that Monday", "Am Montag darauf")
- ``eventday``: a weekday named by an event ("Tariff Monday")
- ``dayslater``: a move told a count of calendar days after the day told before
- ``sessionslater``: a move told a count of sessions after the day told before
- ``possessive``: "Wednesday's 7.3% plunge": the day of that number alone
- ``toldbefore``: a period said of one told before ("over the same five sessions")
- ``weekof``: "that week" after a named day is that day's week
- ``weekdaybefore``: "the Friday before" the period named just before
- ``weekheads``: weeks counted in a feature's paragraphs ("Week one was the crash.")
- ``listheads``: a list under a heading that names its day ("MARKETS (Monday's close)")
- ``parens``: a parenthesis that is a clause of its own keeps its day to itself
- ``restated``: a figure said again between commas ends no clause: the day after it is the move's
- ``runs``: "ending a three-day rally" names a run, not a number's period
- ``perfectcount``: a count of sessions in the present perfect runs up to now ("and has gained 3.9% over the past
  three sessions")
- ``asdid``: a relative clause after "as did <name>" takes the main move's day ("as did ASML, which gained 2.8%")
- ``indexrelative``: which relative clauses take the main move's day: after "as did", and an index's move or close
  right after its name ("an der Nasdaq, die 1,5 Prozent höher schloss")
- ``afterevent``: a move dated only by the event it follows ("following Monday's slide"): the session after that day
- ``extremeafter``: an extreme told in a look-back clause after a move is of the move's day
- ``todayclosed``: a level said of "today" on a day with no session: the last session's close
- ``titleday``: a title's claim that the story tells again, with its day, is one claim
"""
