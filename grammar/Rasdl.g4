// RASDL — RAS Description Language.
//
// The grammar is deliberately flat: no rule is recursive, so the parser's stack depth is
// bounded by the grammar itself (at most a handful of frames), whatever the input nests.
// Vocabulary words (block kinds, error names, access kinds, memory types, outcomes,
// features, drivers, hypervisor actions) are plain identifiers here; the compiler's
// vocabulary table gives them meaning, so an unknown word gets a "did you mean" diagnostic
// instead of a syntax error, and the vocabulary has exactly one source of truth.
grammar Rasdl;

compilationUnit
    : declaration* EOF
    ;

declaration
    : importDeclaration
    | platformDeclaration
    | blockDeclaration
    | endpointDeclaration
    | routeDeclaration
    | assignDeclaration
    | hypervisorDeclaration
    | profileDeclaration
    ;

// import "std/kvm.rasdl";
importDeclaration
    : IMPORT path=STRING SEMI
    ;

// platform NAME { doc "..."; features fwb, ras, iesb; }
platformDeclaration
    : PLATFORM name=identifier LBRACE platformMember* RBRACE
    ;

platformMember
    : docClause
    | featuresClause
    ;

featuresClause
    : FEATURES identifierList SEMI
    ;

docClause
    : DOC text=STRING SEMI
    ;

// block NAME : KIND { doc "..."; on ERROR (FILTER) -> OUTCOME, OUTCOME; claim NAME (FILTER); }
// block NAME : KIND extends BASE { ... }   (own rules first, then the base's)
blockDeclaration
    : BLOCK name=identifier COLON kind=identifier (EXTENDS base=identifier)? LBRACE blockMember* RBRACE
    ;

blockMember
    : docClause
    | conversionRule
    | claimClause
    ;

// on cto (read) -> all_ones, irq(aer);   (at most one response, any number of signals)
conversionRule
    : ON error=identifier filter? ARROW outcome (COMMA outcome)* SEMI
    ;

// claim serror_in_guest (write, gathered);   (a guarantee of the platform's own, in a cpu block)
claimClause
    : CLAIM name=identifier filter? SEMI
    ;

filter
    : LPAREN identifierList RPAREN
    ;

// all_ones | slverr | serror(uer) | irq(aer)
outcome
    : name=identifier (LPAREN outcomeArguments=identifierList RPAREN)?
    ;

// endpoint NAME : KIND under BLOCK { region ...; faults ...; }
endpointDeclaration
    : ENDPOINT name=identifier COLON kind=identifier UNDER parent=identifier LBRACE endpointMember* RBRACE
    ;

endpointMember
    : docClause
    | regionDeclaration
    | faultsClause
    ;

// region bar0 mmio size 64M at 0x4000_0000 prefetchable doc "Frame buffer";
regionDeclaration
    : REGION name=identifier space=identifier (SIZE size=NUMBER)? (AT base=NUMBER)? regionAttribute* (DOC text=STRING)? SEMI
    ;

regionAttribute
    : identifier
    ;

faultsClause
    : FAULTS identifierList SEMI
    ;

// route core -> mesh -> rc0;   (written from the CPU toward the device)
routeDeclaration
    : ROUTE identifier (ARROW identifier)+ SEMI
    ;

// assign gpu0.bar0 to guest via vfio_pci;
assignDeclaration
    : ASSIGN endpoint=identifier DOT region=identifier TO target=identifier VIA driver=identifier SEMI
    ;

// hypervisor NAME { stage2 DRIVER when CONDITIONS -> ATTRIBUTE; on OUTCOME when CONDITIONS -> ACTION; }
hypervisorDeclaration
    : HYPERVISOR name=identifier LBRACE hypervisorMember* RBRACE
    ;

hypervisorMember
    : docClause
    | stage2Policy
    | outcomeTreatment
    ;

stage2Policy
    : STAGE2 driver=identifier (WHEN conditions=identifierList)? ARROW attribute=identifier SEMI
    ;

outcomeTreatment
    : ON outcome (WHEN conditions=identifierList)? ARROW action=identifier SEMI
    ;

// profile NAME { doc "..."; hypervisor HYPERVISOR; }
profileDeclaration
    : PROFILE name=identifier LBRACE profileMember* RBRACE
    ;

profileMember
    : docClause
    | profileHypervisor
    ;

profileHypervisor
    : HYPERVISOR identifier SEMI
    ;

identifierList
    : identifier (COMMA identifier)*
    ;

identifier
    : IDENT
    ;

// ---------------------------------------------------------------- lexer

IMPORT     : 'import';
PLATFORM   : 'platform';
FEATURES   : 'features';
DOC        : 'doc';
BLOCK      : 'block';
ON         : 'on';
ENDPOINT   : 'endpoint';
UNDER      : 'under';
REGION     : 'region';
SIZE       : 'size';
AT         : 'at';
FAULTS     : 'faults';
ROUTE      : 'route';
ASSIGN     : 'assign';
TO         : 'to';
VIA        : 'via';
HYPERVISOR : 'hypervisor';
STAGE2     : 'stage2';
WHEN       : 'when';
PROFILE    : 'profile';
EXTENDS    : 'extends';
CLAIM      : 'claim';

ARROW  : '->';
LBRACE : '{';
RBRACE : '}';
LPAREN : '(';
RPAREN : ')';
SEMI   : ';';
COLON  : ':';
COMMA  : ',';
DOT    : '.';

// 4096, 64M, 4K, 1G, 0x1000, 0x4000_0000
NUMBER
    : '0' [xX] [0-9a-fA-F] [0-9a-fA-F_]*
    | [0-9] [0-9_]* [KMGT]?
    ;

IDENT
    : [a-zA-Z_] [a-zA-Z0-9_]*
    ;

STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
    ;

// Lexical errors are tokens on their own channel: the parser never sees them (so one bad
// character costs one diagnostic, not a cascade), and the compiler reports each one.
UNTERMINATED_STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'? -> channel(2)
    ;

LINE_COMMENT
    : '//' ~[\r\n]* -> channel(HIDDEN)
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

UNTERMINATED_COMMENT
    : '/*' ~[*]* ('*'+ ~[*/] ~[*]*)* '*'* EOF -> channel(2)
    ;

WS
    : [ \t\r\n\f\u000B\u00A0\uFEFF]+ -> channel(HIDDEN)
    ;

BAD_CHARACTER
    : . -> channel(2)
    ;
