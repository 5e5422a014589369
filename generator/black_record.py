"""Written by `python -m tests.helpers.black_record`; do not edit.

The pieces of generated code (see generator/format.py) that this black leaves as they are, up
to blank lines at their ends, each named by `record_key`: the fixed code every package shares.
tests/unit/test_black_record.py checks that the record is current.
"""

BLACK_VERSION = "26.10.1"
UNCHANGED: frozenset[str] = frozenset(
    {
        "016c84a8d9da976f52a762dac2c9b0f677359756eaa05c356cfc8a5822dc7aeb",
        "0d97da314110de9763b8c0982833cc339754b84c23b38ef50731730bf36a746c",
        "11961abafa9c76f9da30dcc4531485f9d05e524910393cf9162c84b6a19a78bc",
        "1613dfa4ea70c2f3046de5d345996ed39a4c37c6e23385f1055a0a7674de0c11",
        "19dddb95fe59d85285deab0c217038675dd21e53874979acc2191f3bbc7c76a0",
        "2884112852b15c0a63af6e8125e10820ebc134f3f8b5a1b052021c4645d717b2",
        "2968498a3628c54781ab11b312a30c1d074453bf4bd2c14056103440dbe9e77b",
        "39ccad2765a65a7c81770763b8d1789baae3f170acfbdaf2e9a7f67ba3997d1e",
        "3f4c135e0bdd092be84a571cc4cc951e98f9b03aeba651e168537c7ad49d0c73",
        "45a2f643fd69b9937ebd61a0bc7c9a86c77adb878d701c475fb97e0be857697f",
        "4fb128010eb8817b1a6568cb43984bddce31450925d142f2f85b88b3474c99a0",
        "511742244d6b770420ec6945c7a18bb8e7f621b8a81263c8c6246bbc75135ae0",
        "5fe1c9299f7f26520ba5002b3c8564c4e4a4c8d2c9d889cf3ce2d913a6dd7a37",
        "60ced3f71bee725ba7f700940539ad2d09029120fd411528b6b094f076e91356",
        "698d890714d3ec9e0cff4f76d118e19c20823977667205e51b59797e6d4b73ed",
        "92265aa1f42c9b2bdfbad05b5c7275c8780a03236b712ef1aca46f6c6f7b8b40",
        "a033824c412ed37d77cd1bd96b9a765dbae5dab0fd0f522668ad24ad01e212be",
        "a73f2d7d058068ad70daf757fbff1b74e59f837934fd7cd49a3182e37268d73b",
        "ab623f39927a97e400b455d779119dc2d970e64bc9f604cb49f0b269fd23f6d2",
        "acd6c46471e1a8fcfc335a456605f511b355ea953c945a1ab7e1fb5b961c03f9",
        "c8ad2d0588e01f75694974b7371f7b92eea21f4581d397f5315c18d9c1e17795",
        "e7484993864cb02587b1fa727df3a7b4989265fef187ec82ab3703fc268ea8e4",
        "ee72232c9b3c6722aae030806bccb18bf1c97a6b4e742a763d2fa2e1c9c248f2",
        "f49bf30754fee1d4c46034c87077adca21b7f071ee9fc3c9a17377cffc380456",
    }
)
