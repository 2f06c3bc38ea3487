# Checks the report-page CLI tests share (included by report_page.cmake and report_diff.cmake).

# Fails with `_what` unless `_text` matches the regular expression `_pattern`.
function(expect _text _pattern _what)
  if(NOT _text MATCHES "${_pattern}")
    message(FATAL_ERROR "${_what}: no match for '${_pattern}'")
  endif()
endfunction()

# How many times `_needle` occurs in `_text`, into `_out`.
function(count_of _text _needle _out)
  string(REPLACE "${_needle}" "" _rest "${_text}")
  string(LENGTH "${_text}" _a)
  string(LENGTH "${_rest}" _b)
  string(LENGTH "${_needle}" _n)
  math(EXPR _count "(${_a} - ${_b}) / ${_n}")
  set(${_out} ${_count} PARENT_SCOPE)
endfunction()
