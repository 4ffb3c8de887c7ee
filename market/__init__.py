"""Market data: instruments, exchange sessions, and the price sources behind one interface."""
