# Finds the shared reference data (BBC News articles, CoNLL-2003 splits) that the build trains the
# entity model from and the tests read; it is never part of the repository. Looked for, in order:
#   1. the LOUPE_DATA_DIR environment variable;
#   2. ../shared/data beside the checkout;
#   3. ../shared/data beside the checkout this one was cloned from, when that is a local folder
#      (a fresh clone in a temporary folder still finds the data of the working copy).
# Sets LOUPE_DATA_DIR (a cache path; empty when none was found).
set(_loupe_data_candidates "$ENV{LOUPE_DATA_DIR}" "${CMAKE_SOURCE_DIR}/../shared/data")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${CMAKE_SOURCE_DIR}" remote get-url origin
                  OUTPUT_VARIABLE _loupe_origin OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(_loupe_origin AND IS_DIRECTORY "${_loupe_origin}")
    list(APPEND _loupe_data_candidates "${_loupe_origin}/../shared/data")
  endif()
endif()
set(_loupe_data_found "")
foreach(_candidate IN LISTS _loupe_data_candidates)
  if(_candidate AND IS_DIRECTORY "${_candidate}" AND NOT _loupe_data_found)
    get_filename_component(_loupe_data_found "${_candidate}" ABSOLUTE)
  endif()
endforeach()
set(LOUPE_DATA_DIR "${_loupe_data_found}" CACHE PATH "Shared reference data: bbc/ and conll2003/ (not in the repository)")
if(LOUPE_DATA_DIR)
  message(STATUS "Shared data: ${LOUPE_DATA_DIR}")
else()
  message(WARNING "No shared data found (set LOUPE_DATA_DIR): no entity model, and the tests on real data are skipped")
endif()
