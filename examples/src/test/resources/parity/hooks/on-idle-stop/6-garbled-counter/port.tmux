send-keys
-t
hookfx-dev-1
(nudge naming PHASE:done and @DIR@/dev-session-p-1.phase)
Enter
--
