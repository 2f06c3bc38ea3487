# Aggregating two shards separately and merging their states must give the same state file,
# byte for byte, as aggregating both shards at once; and `transfer` from the merged state the
# same report, intervals included, as from the verdicts.
#   cmake -DCLI=<transferscore> -DDATA=<tests/data/aggregate> -DWORK=<dir> -P merge_equals_all.cmake
file(MAKE_DIRECTORY ${WORK})
foreach(_step
    "aggregate;${DATA}/shard1.jsonl;${DATA}/shard2.jsonl;-q;-o;${WORK}/all.json;-s;${WORK}/all.state"
    "aggregate;${DATA}/shard1.jsonl;-q;-o;${WORK}/one.json;-s;${WORK}/one.state"
    "aggregate;${DATA}/shard2.jsonl;-q;-o;${WORK}/two.json;-s;${WORK}/two.state"
    "merge;${WORK}/two.state;${WORK}/one.state;-q;-o;${WORK}/merged.state"
    "merge;${WORK}/one.state;${WORK}/two.state;-q;--format;json;-o;${WORK}/merged.json"
    "transfer;${DATA}/shard1.jsonl;${DATA}/shard2.jsonl;--pairs;${DATA}/pairs.csv;--bootstrap;200;-q;-o;${WORK}/transfer_verdicts.json"
    "transfer;${WORK}/merged.state;--pairs;${DATA}/pairs.csv;--bootstrap;200;-q;-o;${WORK}/transfer_state.json")
  execute_process(COMMAND ${CLI} ${_step} RESULT_VARIABLE _rc ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "transferscore ${_step} failed (${_rc}): ${_err}")
  endif()
endforeach()
foreach(_pair "all.state;merged.state" "all.json;merged.json" "transfer_verdicts.json;transfer_state.json")
  list(GET _pair 0 _a)
  list(GET _pair 1 _b)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/${_a} ${WORK}/${_b} RESULT_VARIABLE _same)
  if(NOT _same EQUAL 0)
    message(FATAL_ERROR "${_a} and ${_b} differ")
  endif()
endforeach()
message(STATUS "merged shards equal the whole, byte for byte")
