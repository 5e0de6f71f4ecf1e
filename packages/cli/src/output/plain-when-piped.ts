// Imported first by bin.ts: citty decides on colours when it loads, so tell it before that.
// Output that is piped or captured (scripts, CI logs, tests) gets no terminal colour codes.
if (!process.stdout.isTTY && process.env.FORCE_COLOR === undefined) process.env.NO_COLOR = '1';
