#!/usr/bin/env bash
# configurations and SCRAM credentials
exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.ConfigCommand "$@"
