# Runs the CLI as a user would: builds the seeds into a bundle, reads it back with `stats`,
# and checks the exit codes, including for a path with no readable document.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

execute_process(COMMAND "${LOUPE}" build "${SEEDS}" -o "${WORK_DIR}/corpus.json"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "loupe build failed (${result}): ${errors}")
endif()
string(REGEX MATCHALL "\nread |^read " reads "${output}")
list(LENGTH reads read_count)
if(NOT read_count EQUAL 4 OR NOT output MATCHES "wrote .*corpus.json: 4 documents")
  message(FATAL_ERROR "loupe build should report 4 documents read:\n${output}")
endif()

execute_process(COMMAND "${LOUPE}" stats "${WORK_DIR}/corpus.json" RESULT_VARIABLE result OUTPUT_VARIABLE output)
if(NOT result EQUAL 0 OR NOT output MATCHES "documents: 4")
  message(FATAL_ERROR "loupe stats should report 4 documents (${result}):\n${output}")
endif()

file(MAKE_DIRECTORY "${WORK_DIR}/empty")
execute_process(COMMAND "${LOUPE}" build "${WORK_DIR}/empty" "${WORK_DIR}/missing" -o "${WORK_DIR}/none.json"
                RESULT_VARIABLE result ERROR_VARIABLE errors)
if(NOT result EQUAL 1 OR NOT errors MATCHES "no document could be read" OR NOT errors MATCHES "missing: no such file or folder")
  message(FATAL_ERROR "loupe build with nothing to read should exit 1 and say why (${result}):\n${errors}")
endif()

file(WRITE "${WORK_DIR}/bad.json" "{\"format\":\"loupe-corpus\",\"version\":9}")
execute_process(COMMAND "${LOUPE}" stats "${WORK_DIR}/bad.json" RESULT_VARIABLE result ERROR_VARIABLE errors)
if(NOT result EQUAL 1 OR NOT errors MATCHES "version: this Loupe reads version 2, found 9")
  message(FATAL_ERROR "loupe stats on a bad bundle should exit 1 and name the problem (${result}):\n${errors}")
endif()

# A binary bundle written over a longer file replaces it whole (the file is written in place and
# cut to its length), the same bytes as one written to a new file; and a bundle can go to
# /dev/null (only written: there is nothing to cut), as when a build is timed.
function(expect_loupe_succeeds what)
  execute_process(COMMAND "${LOUPE}" ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${what} should succeed (${result}): ${errors}")
  endif()
  set(output "${output}" PARENT_SCOPE)
endfunction()
expect_loupe_succeeds("loupe build --format binary" build "${SEEDS}" -o "${WORK_DIR}/fresh.bin" --format binary)
string(REPEAT "a longer file that was there before " 20000 longer)
file(WRITE "${WORK_DIR}/over.bin" "${longer}")
expect_loupe_succeeds("loupe build over a longer file" build "${SEEDS}" -o "${WORK_DIR}/over.bin" --format binary)
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK_DIR}/fresh.bin" "${WORK_DIR}/over.bin" RESULT_VARIABLE different)
if(NOT different EQUAL 0)
  message(FATAL_ERROR "a binary bundle written over a longer file should be the bundle alone")
endif()
expect_loupe_succeeds("loupe stats on the bundle written over a longer file" stats "${WORK_DIR}/over.bin")
if(NOT output MATCHES "documents: 4")
  message(FATAL_ERROR "loupe stats should read the bundle written over a longer file:\n${output}")
endif()
expect_loupe_succeeds("loupe build -o /dev/null" build "${SEEDS}" -o /dev/null --format binary)
