# Runs the CLI with ARGS (arguments separated by |) and checks its exit code EXIT and, when
# given, regexes on standard output (STDOUT), standard error (STDERR), and the content of a
# file it wrote (FILE and FILE_EXPECT).
#   cmake -DCLI=<transferscore> "-DARGS=diff|a.jsonl|b.jsonl" -DEXIT=3 "-DSTDOUT=regex" -P expect_output.cmake
string(REPLACE "|" ";" _args "${ARGS}")
execute_process(COMMAND ${CLI} ${_args} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL ${EXIT})
  message(FATAL_ERROR "expected exit code ${EXIT}, got ${_rc}; stderr: ${_err}")
endif()
if(DEFINED STDOUT AND NOT _out MATCHES "${STDOUT}")
  message(FATAL_ERROR "standard output does not match '${STDOUT}':\n${_out}")
endif()
if(DEFINED STDERR AND NOT _err MATCHES "${STDERR}")
  message(FATAL_ERROR "standard error does not match '${STDERR}':\n${_err}")
endif()
if(DEFINED FILE)
  file(READ "${FILE}" _content)
  if(NOT _content MATCHES "${FILE_EXPECT}")
    message(FATAL_ERROR "${FILE} does not match '${FILE_EXPECT}':\n${_content}")
  endif()
endif()
message(STATUS "exit ${_rc}")
