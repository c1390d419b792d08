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
