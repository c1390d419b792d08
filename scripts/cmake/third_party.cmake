# Builds the C libraries the core uses from their Debian source packages, which scripts/setup
# unpacks into .deps/ (never committed), as static libraries the same way for the native and the
# Emscripten build. Included from CMakeLists.txt; defines:
#   loupe_utf8proc  utf8proc: Unicode normalisation, case folding, categories     <utf8proc.h>
#   loupe_stemmer   Snowball's libstemmer, UTF-8 only, with the "english"         <libstemmer.h>
#                   (Porter2) and "porter" stemmers, generated into C at build time
#   loupe_libxml2   libxml2's HTML parser and the tree it builds, nothing else     <libxml/HTMLparser.h>
# Third-party code compiles with its warnings off, and its headers are included as system headers
# so our own warning flags stay quiet about them. Each step lives in a function so that its
# variables stay out of the including scope.

set(UTF8PROC_DIR "${CMAKE_SOURCE_DIR}/.deps/utf8proc" CACHE PATH "utf8proc source (Debian source package utf8proc; scripts/setup fetches it)")
set(SNOWBALL_DIR "${CMAKE_SOURCE_DIR}/.deps/snowball" CACHE PATH "Snowball source (Debian source package snowball; scripts/setup fetches it)")
set(LIBXML2_DIR "${CMAKE_SOURCE_DIR}/.deps/libxml2" CACHE PATH "libxml2 source (Debian source package libxml2; scripts/setup fetches it)")
set(THIRD_PARTY_BUILD_DIR "${CMAKE_BINARY_DIR}/third_party")

function(require_third_party_source directory_variable probe_file)
  if(NOT EXISTS "${${directory_variable}}/${probe_file}")
    message(FATAL_ERROR "${probe_file} not found in ${directory_variable}=${${directory_variable}}: "
                        "run scripts/setup (it unpacks Debian's source packages into .deps/) or set ${directory_variable}")
  endif()
endfunction()

# utf8proc ------------------------------------------------------------------------------------------
# One file: utf8proc.c (it includes the Unicode tables from utf8proc_data.c itself).
function(add_third_party_utf8proc)
  require_third_party_source(UTF8PROC_DIR utf8proc.c)
  add_library(loupe_utf8proc STATIC "${UTF8PROC_DIR}/utf8proc.c")
  target_include_directories(loupe_utf8proc SYSTEM PUBLIC "${UTF8PROC_DIR}")
  target_compile_definitions(loupe_utf8proc PUBLIC UTF8PROC_STATIC)
  target_compile_options(loupe_utf8proc PRIVATE -w)
endfunction()

# Snowball libstemmer -------------------------------------------------------------------------------
# The source package ships the Snowball compiler and the stemmers in the Snowball language, not
# generated C. So the build compiles the Snowball compiler with the C compiler of the machine
# running the build (also in the Emscripten build, which is a cross build), turns each stemmer
# into C with it, generates libstemmer's table of stemmers with upstream's mkmodules.pl (Perl is
# part of every Debian system), and compiles that C with the target's compiler.
set(SNOWBALL_ALGORITHMS english porter CACHE STRING "Snowball stemmers to build (UTF-8 only), from SNOWBALL_DIR/algorithms")
find_program(SNOWBALL_HOST_C_COMPILER NAMES cc gcc clang
  DOC "C compiler for the machine running the build: compiles the Snowball compiler")
find_program(SNOWBALL_PERL NAMES perl DOC "Perl, to run Snowball's libstemmer/mkmodules.pl")

function(add_third_party_stemmer)
  require_third_party_source(SNOWBALL_DIR libstemmer/libstemmer_c.in)
  if(NOT SNOWBALL_HOST_C_COMPILER OR NOT SNOWBALL_PERL)
    message(FATAL_ERROR "Building Snowball's stemmers needs a C compiler for this machine (cc) and perl: "
                        "install gcc and perl (scripts/setup) or set SNOWBALL_HOST_C_COMPILER and SNOWBALL_PERL")
  endif()
  set(output_dir "${THIRD_PARTY_BUILD_DIR}/stemmer")
  file(MAKE_DIRECTORY "${output_dir}/src_c" "${output_dir}/libstemmer")

  # The compiler's sources, as GNUmakefile's COMPILER_SOURCES lists them.
  set(compiler_sources)
  foreach(name IN ITEMS space tokeniser analyser generator driver generator_csharp generator_java
                        generator_js generator_pascal generator_python generator_rust generator_go generator_ada)
    list(APPEND compiler_sources "${SNOWBALL_DIR}/compiler/${name}.c")
  endforeach()
  set(snowball_compiler "${output_dir}/snowball-compiler")
  add_custom_command(OUTPUT "${snowball_compiler}"
    COMMAND "${SNOWBALL_HOST_C_COMPILER}" -w -o "${snowball_compiler}" ${compiler_sources}
    DEPENDS ${compiler_sources} "${SNOWBALL_DIR}/compiler/header.h"
            "${SNOWBALL_DIR}/compiler/syswords.h" "${SNOWBALL_DIR}/compiler/syswords2.h"
    COMMENT "Building the Snowball compiler for this machine")

  # Each stemmer in C: "-r runtime" makes it include "runtime/header.h", found through the private
  # include directory SNOWBALL_DIR (a relative path keeps the generated C the same in every checkout).
  set(generated_sources)
  set(modules_list "")
  foreach(algorithm IN LISTS SNOWBALL_ALGORITHMS)
    set(stem "${output_dir}/src_c/stem_UTF_8_${algorithm}")
    add_custom_command(OUTPUT "${stem}.c" "${stem}.h"
      COMMAND "${snowball_compiler}" "${SNOWBALL_DIR}/algorithms/${algorithm}.sbl"
              -o "${stem}" -eprefix "${algorithm}_UTF_8_" -r runtime -u
      DEPENDS "${snowball_compiler}" "${SNOWBALL_DIR}/algorithms/${algorithm}.sbl"
      COMMENT "Generating the Snowball ${algorithm} stemmer in C")
    list(APPEND generated_sources "${stem}.c" "${stem}.h")
    # A line of libstemmer/modules.txt: name, encodings, the names sb_stemmer_new accepts. The
    # names come from upstream's list ("english,en,eng"); the encoding is UTF-8 alone.
    file(STRINGS "${SNOWBALL_DIR}/libstemmer/modules.txt" upstream_line REGEX "^${algorithm}[ \t]")
    set(names "${algorithm}")
    if(upstream_line MATCHES "^${algorithm}[ \t]+[^ \t]+[ \t]+([^ \t]+)")
      set(names "${CMAKE_MATCH_1}")
    endif()
    string(APPEND modules_list "${algorithm} UTF_8 ${names}\n")
  endforeach()

  # The table of stemmers (modules_utf8.h, which includes "../src_c/stem_UTF_8_*.h"; relative
  # paths, as the header quotes them) and libstemmer_utf8.c from upstream's template.
  # file(CONFIGURE) rewrites the list only when it changes.
  file(CONFIGURE OUTPUT "${output_dir}/modules.txt" CONTENT "${modules_list}")
  set(modules_header "${output_dir}/libstemmer/modules_utf8.h")
  add_custom_command(OUTPUT "${modules_header}"
    COMMAND "${SNOWBALL_PERL}" "${SNOWBALL_DIR}/libstemmer/mkmodules.pl" libstemmer/modules_utf8.h src_c
            modules.txt libstemmer/sources.mak utf8
    DEPENDS "${SNOWBALL_DIR}/libstemmer/mkmodules.pl" "${output_dir}/modules.txt"
    WORKING_DIRECTORY "${output_dir}"
    COMMENT "Generating libstemmer's table of stemmers")
  set(MODULES_H modules_utf8.h)
  configure_file("${SNOWBALL_DIR}/libstemmer/libstemmer_c.in" "${output_dir}/libstemmer/libstemmer_utf8.c" @ONLY)

  add_library(loupe_stemmer STATIC
    "${SNOWBALL_DIR}/runtime/api.c"
    "${SNOWBALL_DIR}/runtime/utilities.c"
    "${output_dir}/libstemmer/libstemmer_utf8.c"
    "${modules_header}"
    ${generated_sources})
  target_include_directories(loupe_stemmer SYSTEM PUBLIC "${SNOWBALL_DIR}/include")
  # libstemmer_utf8.c includes "../include/libstemmer.h" and "../runtime/api.h": found through
  # SNOWBALL_DIR/libstemmer, as if it were still in the source tree.
  target_include_directories(loupe_stemmer PRIVATE "${SNOWBALL_DIR}/libstemmer" "${SNOWBALL_DIR}")
  target_compile_options(loupe_stemmer PRIVATE -w)
endfunction()

# libxml2 -------------------------------------------------------------------------------------------
# Its own CMakeLists.txt is not used: it runs some seventy configuration checks (slow under
# Emscripten), adds install rules and global options. Instead: the sources the HTML parser and
# tree need, with a generated xmlversion.h that enables only the tree and the HTML parser (no
# iconv, ICU, zlib, lzma, HTTP, FTP, threads, catalogs, XPath, validation, output), so encodings
# are its built-in UTF-8, UTF-16, Latin-1 and ASCII; and a generated config.h that names only the
# standard C and POSIX headers and functions that both glibc and Emscripten's musl have.
function(add_third_party_libxml2)
  require_third_party_source(LIBXML2_DIR HTMLparser.c)
  set(output_dir "${THIRD_PARTY_BUILD_DIR}/libxml2")

  file(STRINGS "${LIBXML2_DIR}/configure.ac" version_lines REGEX "^m4_define\\(\\[(MAJOR|MINOR|MICRO)_VERSION\\]")
  foreach(line IN LISTS version_lines)
    if(line MATCHES "^m4_define\\(\\[(MAJOR|MINOR|MICRO)_VERSION\\],[ \t]*([0-9]+)\\)")
      set(version_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
    endif()
  endforeach()
  set(VERSION "${version_MAJOR}.${version_MINOR}.${version_MICRO}")
  math(EXPR LIBXML_VERSION_NUMBER "${version_MAJOR} * 10000 + ${version_MINOR} * 100 + ${version_MICRO}")
  set(LIBXML_VERSION_EXTRA "")
  set(MODULE_EXTENSION "")

  # include/libxml/xmlversion.h: every feature off except these.
  set(enabled_features TREE HTML)
  foreach(feature IN ITEMS C14N CATALOG DEBUG DOCB FTP HTML HTTP ICONV ICU ISO8859X LEGACY LZMA
                           MEM_DEBUG MODULES OUTPUT PATTERN PUSH READER REGEXPS RUN_DEBUG SAX1 SCHEMAS
                           SCHEMATRON THREADS THREAD_ALLOC TREE TRIO VALID WRITER XINCLUDE XPATH XPTR ZLIB)
    if(feature IN_LIST enabled_features)
      set(WITH_${feature} 1)
    else()
      set(WITH_${feature} 0)
    endif()
  endforeach()
  # The source tree ships a prebuilt xmlversion.h with every feature on. Its public headers are
  # copied without it, beside the generated one, so no include order can pick up the wrong one.
  file(COPY "${LIBXML2_DIR}/include/libxml/" DESTINATION "${output_dir}/include/libxml"
       FILES_MATCHING PATTERN "*.h" PATTERN "xmlversion.h" EXCLUDE)
  configure_file("${LIBXML2_DIR}/include/libxml/xmlversion.h.in" "${output_dir}/include/libxml/xmlversion.h" @ONLY)

  # config.h, from upstream's template.
  foreach(name IN ITEMS CTYPE_H ERRNO_H FCNTL_H FLOAT_H INTTYPES_H LIMITS_H MATH_H STDARG_H STDINT_H
                        STDLIB_H STRING_H STRINGS_H SYS_STAT_H SYS_TIME_H SYS_TYPES_H TIME_H UNISTD_H
                        FPRINTF GETTIMEOFDAY ISASCII LOCALTIME PRINTF RAND RAND_R SNPRINTF SPRINTF SRAND
                        SSCANF STAT STRFTIME TIME VA_COPY VFPRINTF VSNPRINTF VSPRINTF)
    set(HAVE_${name} 1)
  endforeach()
  set(STDC_HEADERS 1)
  set(ICONV_CONST "")
  set(PACKAGE libxml2)
  set(PACKAGE_BUGREPORT "")
  set(PACKAGE_NAME libxml2)
  set(PACKAGE_STRING "libxml2 ${VERSION}")
  set(PACKAGE_TARNAME libxml2)
  set(PACKAGE_URL "")
  set(PACKAGE_VERSION "${VERSION}")
  configure_file("${LIBXML2_DIR}/config.h.cmake.in" "${output_dir}/private/config.h")

  set(sources)
  foreach(name IN ITEMS buf chvalid dict encoding entities error globals hash HTMLparser HTMLtree list
                        parser parserInternals SAX2 threads tree uri valid xmlIO xmlmemory xmlstring)
    list(APPEND sources "${LIBXML2_DIR}/${name}.c")
  endforeach()
  add_library(loupe_libxml2 STATIC ${sources})
  target_include_directories(loupe_libxml2 SYSTEM PUBLIC "${output_dir}/include")
  target_include_directories(loupe_libxml2 PRIVATE "${output_dir}/private")
  target_compile_definitions(loupe_libxml2 PUBLIC LIBXML_STATIC)
  target_compile_options(loupe_libxml2 PRIVATE -w)
endfunction()

add_third_party_utf8proc()
add_third_party_stemmer()
add_third_party_libxml2()
