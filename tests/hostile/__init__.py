"""A hostile fixture portal: one PRMN-template site on 127.0.0.1 that misbehaves on purpose."""
