# Runs the CLI with ARGS (arguments separated by |), expects exit code EXIT and EXPECT in standard error.
#   cmake -DCLI=<transferscore> "-DARGS=aggregate|x.jsonl" -DEXIT=1 "-DEXPECT=regex" -P expect_failure.cmake
string(REPLACE "|" ";" _args "${ARGS}")
execute_process(COMMAND ${CLI} ${_args} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL ${EXIT})
  message(FATAL_ERROR "expected exit code ${EXIT}, got ${_rc}; stderr: ${_err}")
endif()
if(NOT _err MATCHES "${EXPECT}")
  message(FATAL_ERROR "stderr does not match '${EXPECT}': ${_err}")
endif()
message(STATUS "exit ${_rc}: ${_err}")
