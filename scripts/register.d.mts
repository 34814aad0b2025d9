// Types for register.mjs (it exports nothing; importing it installs the server-only stub).
export {};
