"""Pure practice rules and value types. Imports only the standard library."""
