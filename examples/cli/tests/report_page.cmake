# `transferscore report` end to end, without a browser (tests/report/browser_test.py opens the
# pages in one):
#   - from the aggregate fixtures with pairs: one page holding the scores, the transfer tables and
#     every verdict, and a summary line that names the page and its size;
#   - a record whose response and gold hold </script>, <!-- and markup, scored with
#     --keep-response: the page still has exactly its own two script elements and no comment;
#   - an aggregate state is refused (a report browses verdicts).
#   cmake -DCLI=<transferscore> -DDATA=<tests/data/aggregate> -DWORK=<dir> -P report_page.cmake
file(MAKE_DIRECTORY ${WORK})
function(run_cli)
  execute_process(COMMAND ${CLI} ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "transferscore ${ARGN} failed (${_rc}): ${_err}")
  endif()
  set(_err "${_err}" PARENT_SCOPE)
endfunction()
include(${CMAKE_CURRENT_LIST_DIR}/page_checks.cmake)

# 1. The fixtures, with the transfer section.
run_cli(report ${DATA}/shard1.jsonl ${DATA}/shard2.jsonl --pairs ${DATA}/pairs.csv --bootstrap 200 -o ${WORK}/fixtures.html)
file(SIZE ${WORK}/fixtures.html _size)
expect("${_err}" "transferscore report: wrote [^\n]*fixtures.html \\([0-9]+ kB, ${_size} bytes\\): [0-9]+ verdicts, 0 with a response; transfer of 1 pair"
       "summary line")
file(READ ${WORK}/fixtures.html _page)
expect("${_page}" "^<!DOCTYPE html>" "doctype")
expect("${_page}" "id=\"scores-table\".*data-model=\"tuned\" data-benchmark=\"math500\".*id=\"indices-table\".*id=\"gains-table\".*<svg .*Per-benchmark gain: tuned vs base"
       "sections")
expect("${_page}" "<script type=\"application/json\" id=\"ts-verdicts\">\\{\"schema\":\"transferscore.report-verdicts/1\"" "data")
expect("${_page}" "score with <code>transferscore score --keep-response</code>" "the hint for verdicts without responses")

# 2. Hostile text, scored with --keep-response.
file(WRITE ${WORK}/hostile.jsonl
  "{\"id\": \"h\", \"benchmark\": \"math500\", \"model\": \"m\", \"response\": \"</script><script>alert(1)</script><!-- <SCRIPT> \\\\boxed{7}\", \"reference\": {\"answer\": \"7</script><!--\"}}\n")
run_cli(score -q --keep-response ${WORK}/hostile.jsonl -o ${WORK}/hostile-verdicts.jsonl)
file(READ ${WORK}/hostile-verdicts.jsonl _verdicts)
expect("${_verdicts}" "\"response\":\"</script><script>alert\\(1\\)</script><!-- <SCRIPT> .*\"gold\":\\{\"answer\":\"7</script><!--\"\\}\\}" "kept response and gold")
run_cli(report -q ${WORK}/hostile-verdicts.jsonl -o ${WORK}/hostile.html)
file(READ ${WORK}/hostile.html _page)
string(TOLOWER "${_page}" _lower)
count_of("${_lower}" "<script" _open)
count_of("${_lower}" "</script" _close)
count_of("${_page}" "<!--" _comments)
if(NOT _open EQUAL 2 OR NOT _close EQUAL 2 OR NOT _comments EQUAL 0)
  message(FATAL_ERROR "hostile page: ${_open} <script, ${_close} </script, ${_comments} <!-- (expected 2, 2, 0)")
endif()
expect("${_page}" "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert\\(1\\)" "the response, escaped in the data")

# 3. A state file is refused with the reason.
run_cli(aggregate ${DATA}/shard1.jsonl -q -o ${WORK}/agg.json -s ${WORK}/agg.state)
execute_process(COMMAND ${CLI} report ${WORK}/agg.state -o ${WORK}/state.html RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 2 OR NOT _err MATCHES "is an aggregate state: a report needs the verdict files")
  message(FATAL_ERROR "a state file: exit ${_rc}, ${_err}")
endif()
message(STATUS "report pages: sections, summary line, escaping, state refused")
