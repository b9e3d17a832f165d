# `village-kiosk speak` on the demo village in memory: a WAV file of what the health screen reads aloud, whose
# header says 16-bit mono PCM at espeak-ng's 22050 Hz and whose data lasts as long as such a screen takes to say
# (more than 5 s: the day, the doctor and seven days of hours; less than two minutes).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY XDG_CONFIG_HOME=${WORK}/no-config
          "${KIOSK}" speak --data-dir "${WORK}/data" --screen health --language ${LANGUAGE} --out "${WORK}/health.wav"
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "speak exited with ${result}: ${out}${err}")
endif()
file(SIZE "${WORK}/health.wav" size)
file(READ "${WORK}/health.wav" header LIMIT 44 HEX)
string(SUBSTRING "${header}" 0 8 riff)
string(SUBSTRING "${header}" 16 8 wave)
string(SUBSTRING "${header}" 40 8 pcmMono)     # format 1, one channel
string(SUBSTRING "${header}" 48 8 rate)        # 22050, little-endian
string(SUBSTRING "${header}" 68 4 bits)        # 16
string(SUBSTRING "${header}" 72 8 dataTag)
if(NOT riff STREQUAL "52494646" OR NOT wave STREQUAL "57415645" OR NOT pcmMono STREQUAL "01000100"
   OR NOT rate STREQUAL "22560000" OR NOT bits STREQUAL "1000" OR NOT dataTag STREQUAL "64617461")
  message(FATAL_ERROR "not a 16-bit mono PCM WAV at 22050 Hz: ${header}")
endif()
math(EXPR seconds10 "(${size} - 44) * 10 / (22050 * 2)")
message(STATUS "health screen read aloud (${LANGUAGE}): ${seconds10} tenths of a second, ${size} bytes")
if(seconds10 LESS 50 OR seconds10 GREATER 1200)
  message(FATAL_ERROR "the reading lasts ${seconds10} tenths of a second: ${out}")
endif()
