# Builds the fuzz project (tests/fuzz) with clang and runs every harness for SECONDS seconds on a copy of its
# corpus. Fails on a crash, a leak, a sanitizer report or a timeout; the input that did it is left in
# WORK/<fuzzer>/ (crash-*, leak-*, timeout-*) and its name printed; the fuzzer's own output is WORK/<fuzzer>/fuzzer.log.
#   cmake -DSOURCE=tests/fuzz -DWORK=build/fuzz -DCLANGXX=clang++-14 -DSECONDS=5 -P tests/fuzz/run_fuzzers.cmake
# -DRUNS=N stops each at N executions instead (SECONDS is then only its limit); -DONLY="a;b" runs those harnesses only
# (names without fuzz_; one that names no harness fails the run); -DFORK=N runs each harness in libFuzzer's fork mode, N
# processes at once, which is how a long run uses every core (it still stops at the first crash, leak or timeout);
# -DKEEP=ON starts each harness from the corpus an earlier run left in WORK (with the repository's seeds added) instead
# of the repository's alone, so that a long campaign can go on where it stopped; the earlier log is kept beside the new
# one. -DMAX_LEN=N caps the inputs at N bytes (65536 unless told): with -DMAX_LEN=0 libFuzzer picks its own, the largest
# seed, and in fork mode each job grows its inputs from the largest of the seeds it was handed, most often small ones: a
# run that starts some ten times faster and comes to real-sized feeds later (docs/reliability.md).
cmake_policy(SET CMP0057 NEW)  # if(... IN_LIST ...)
# As the docs give them, from the source folder: the harnesses are looked for under the absolute path (a relative
# one found none and ran nothing).
get_filename_component(SOURCE ${SOURCE} ABSOLUTE)
get_filename_component(WORK ${WORK} ABSOLUTE)
if(NOT SECONDS)
  set(SECONDS 5)
endif()
if(NOT JOBS)
  set(JOBS 2)
endif()
if(NOT DEFINED MAX_LEN)
  set(MAX_LEN 65536)
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK}/build -DCMAKE_CXX_COMPILER=${CLANGXX} -DCMAKE_BUILD_TYPE=None
          -DCMAKE_CXX_COMPILER_LAUNCHER=
  RESULT_VARIABLE configured OUTPUT_QUIET ERROR_VARIABLE configure_err)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "the fuzz project does not configure: ${configure_err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK}/build -j ${JOBS}
  RESULT_VARIABLE built OUTPUT_VARIABLE build_out ERROR_VARIABLE build_out)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "the fuzzers do not build:\n${build_out}")
endif()
file(GLOB harnesses RELATIVE ${SOURCE} ${SOURCE}/fuzz_*.cpp)
if(NOT harnesses)
  message(FATAL_ERROR "no fuzz_*.cpp in ${SOURCE}")
endif()
set(limits -max_total_time=${SECONDS})
if(RUNS)
  list(APPEND limits -runs=${RUNS})
endif()
if(FORK)
  # Fork mode goes on past a timeout or an out-of-memory unless told not to; a hang is a finding like a crash.
  list(APPEND limits -fork=${FORK} -ignore_timeouts=0 -ignore_ooms=0)
endif()
set(failed "")
set(ran "")
foreach(harness IN LISTS harnesses)
  string(REPLACE ".cpp" "" name ${harness})
  string(REPLACE "fuzz_" "" corpus_name ${name})
  if(ONLY AND NOT corpus_name IN_LIST ONLY)
    continue()
  endif()
  list(APPEND ran ${corpus_name})
  string(TIMESTAMP started "%s")
  set(run_dir ${WORK}/${name})
  set(log ${run_dir}/fuzzer.log)
  if(KEEP)
    if(EXISTS ${log})
      file(RENAME ${log} ${run_dir}/fuzzer-until-${started}.log)
    endif()
  else()
    file(REMOVE_RECURSE ${run_dir})
  endif()
  file(MAKE_DIRECTORY ${run_dir}/corpus)
  file(COPY ${SOURCE}/corpus/${corpus_name}/ DESTINATION ${run_dir}/corpus)
  # Written as it goes, to follow a long run (tail -f) and for a post-mortem: its speed, what it added to the corpus,
  # the sanitizer's report.
  execute_process(
    COMMAND ${WORK}/build/${name} ${limits} -timeout=10 -rss_limit_mb=1024 -max_len=${MAX_LEN}
            -print_final_stats=1 ${run_dir}/corpus
    WORKING_DIRECTORY ${run_dir}
    RESULT_VARIABLE result OUTPUT_FILE ${log} ERROR_FILE ${log})
  # Only the lines that count executions: the rest is mostly what the parsers' libraries print (libical warns on
  # every broken feed), hundreds of megabytes in a long run.
  file(STRINGS ${log} out REGEX "^(stat::number_of_executed_units|INFO: fuzzed for [0-9]+ iterations|#[0-9]+)")
  string(REPLACE ";" "\n" out "${out}")
  # A single process prints its final figures; fork mode counts its processes' executions as it stops.
  string(REGEX MATCH "stat::number_of_executed_units: *[0-9]+" runs "${out}")
  if(NOT runs)
    string(REGEX MATCH "INFO: fuzzed for [0-9]+ iterations" runs "${out}")
  endif()
  if(NOT runs)
    string(REGEX MATCH "#[0-9]+[^#]*$" runs "${out}")
    string(REGEX MATCH "[0-9]+" runs "${runs}")
  endif()
  string(REGEX REPLACE "[^0-9]*([0-9]+)[^0-9]*$" "\\1" runs "${runs}")
  string(TIMESTAMP ended "%s")
  math(EXPR took "${ended} - ${started}")
  # An input kept is a finding whatever the exit code (-DKEEP=ON leaves an earlier run's in place: move them away).
  file(GLOB found ${run_dir}/crash-* ${run_dir}/leak-* ${run_dir}/timeout-* ${run_dir}/oom-*)
  if(result EQUAL 0 AND NOT found)
    message(STATUS "${name}: ${runs} executions in ${took} s, no crash, no leak, no timeout")
  else()
    message(STATUS "${name}: FAILED (exit ${result}) after ${runs} executions; input kept: ${found}")
    # The sanitizer's report and the stack under it (its frames are indented, unlike the status lines above).
    file(STRINGS ${log} report REGEX "^(==[0-9]+==|SUMMARY:| +#[0-9]+ 0x|Direct leak|Indirect leak|MS:)")
    string(REPLACE ";" "\n" report "${report}")
    message(STATUS "${report}")
    list(APPEND failed ${name})
  endif()
endforeach()
# A name mistyped in ONLY (fuzz_rota_calendar for rota_calendar) ran nothing and once looked like a pass.
foreach(wanted IN LISTS ONLY)
  if(NOT wanted IN_LIST ran)
    message(FATAL_ERROR "ONLY: no harness named ${wanted} in ${SOURCE} (names go without fuzz_, as rota_calendar)")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "fuzzers that failed: ${failed}")
endif()
