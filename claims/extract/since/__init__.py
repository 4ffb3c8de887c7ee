"""The close a move is measured from, when the text names one: the move's period then runs from the session
after that close to the move's own day (the story's day, a named end, or now), not over the day named.

Read for ``claims.extract.day.whenof``, which asks these before its own day words.

- ``measuredfrom``: the reference close of a move ("since its Wednesday close", "It has since gained 9.6%")
- ``sinceclose``: a move measured from a named close ("down almost 16% from its Jan. 24 close")
- ``sinceevent``: a German move since an event of a named day ("seit den Quartalszahlen vom 4. Februar")
- ``downon``: a British "down on"/"up on" before a named close ("nearly 12% down on last Friday's close")
- ``rangeclose``: a move from a close to a named end, and a buyer's gain from the day of purchase
- ``closelevelof``: a close named with its level ("below its record close of $347.44 on Jan. 24")
- ``standsnow``: where a price stands now against a named close ("is still down almost 2% from Friday's close")
"""
