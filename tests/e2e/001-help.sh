#!/bin/sh
# 001: help lists the commands; unknown commands are usage errors (exit 2).
. "$(dirname "$0")/lib.sh"
set -e
expect_status 0 jl help
expect_stdout "survey import"
expect_stdout "priorities"
expect_status 0 jl help profile
expect_stdout "--by grade,sex"
expect_status 2 jl frobnicate
expect_stderr 'unknown command "frobnicate"'
jl --db "$T/db" init 2>/dev/null
expect_status 2 jl --db "$T/db" profile
expect_stderr "usage: jamlik profile --wave NAME"
expect_status 1 jl --db "$T/missing.db" survey list
expect_stderr "no database here"
# Swedish is the default language
JAMLIK_LANG= expect_status 0 jl help
