# `village-kiosk postal close-day --json` on a new data folder (the command line seeds no demo sales): today is
# closed, empty, and the report comes out as one JSON object; a second close-day is refused with exit code 1.
file(REMOVE_RECURSE "${WORK}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY "${KIOSK}" --data-dir "${WORK}" postal close-day --json
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "postal close-day exited with ${result}: ${err}")
endif()
if(NOT out MATCHES "\"closed\":true" OR NOT out MATCHES "\"sales\":0" OR NOT out MATCHES "\"closed_by\":\"command line\"")
  message(FATAL_ERROR "unexpected report: ${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY "${KIOSK}" --data-dir "${WORK}" postal close-day
                RESULT_VARIABLE again OUTPUT_VARIABLE out2 ERROR_VARIABLE err2 TIMEOUT 30)
if(NOT again EQUAL 1 OR NOT err2 MATCHES "already closed")
  message(FATAL_ERROR "a second close-day gave ${again}: ${err2}")
endif()
