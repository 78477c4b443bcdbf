// Step Functions' additions to JSONata ($partition, $range, $hash, $random, $uuid, $parse) and the
// evaluation entry point called from JsonataRuntime. Host functions (__host*) are set by C# per engine.
var __compiled = new Map();
var __maxCompiled = 1024;
var __maxRangeItems = 1000;
// Deepest expression nesting (jsonata D1011); keeps runaway recursion well inside the .NET thread stack.
var __maxDepth = 300;

function __fail(message) {
    return new Error(message);
}

function __isInteger(n) {
    return typeof n === 'number' && isFinite(n) && Math.floor(n) === n;
}

function __partition(array, size) {
    if (!__isInteger(size) || size <= 0) {
        throw __fail('The chunk size argument of $partition must be a positive integer, but was ' + size + '.');
    }
    var chunks = [];
    for (var i = 0; i < array.length; i += size) {
        chunks.push(array.slice(i, i + size));
    }
    return chunks;
}

function __range(start, end, step) {
    if (step === undefined) {
        step = 1;
    }
    if (!__isInteger(start) || !__isInteger(end) || !__isInteger(step)) {
        throw __fail('The arguments of $range must be integers.');
    }
    if (step === 0) {
        throw __fail('The step argument of $range must not be 0.');
    }
    var count = Math.floor((end - start) / step) + 1;
    if (count < 0) {
        count = 0;
    }
    if (count > __maxRangeItems) {
        throw __fail('The $range result would hold ' + count + ' items, more than the maximum of ' + __maxRangeItems + '.');
    }
    var items = [];
    for (var i = 0; i < count; i++) {
        items.push(start + i * step);
    }
    // A JSONata sequence, as jsonata's own functions return: one item is that item itself ($range(1, 1) is 1), as
    // AWS returns it. An empty range stays an empty array.
    if (count > 0) {
        Object.defineProperty(items, 'sequence', { value: true, configurable: true });
    }
    return items;
}

function __hash(data, algorithm) {
    var hex = __hostHash(data, algorithm);
    if (hex === null) {
        throw __fail('The hash algorithm \'' + algorithm + '\' is not supported; use one of ' + __hostHashAlgorithms + '.');
    }
    return hex;
}

function __random(seed) {
    if (seed === undefined) {
        return __hostRandom();
    }
    if (!__isInteger(seed)) {
        throw __fail('The seed argument of $random must be an integer, but was ' + seed + '.');
    }
    return __hostSeededRandom(seed);
}

function __parse(text) {
    try {
        return JSON.parse(text);
    } catch (e) {
        throw __fail('The argument of $parse is not valid JSON.');
    }
}

function __compile(expression) {
    var compiled = __compiled.get(expression);
    if (compiled !== undefined) {
        return compiled;
    }
    compiled = jsonata(expression, { stack: __maxDepth });
    compiled.registerFunction('partition', __partition, '<an:a>');
    compiled.registerFunction('range', __range, '<nnn?:a>');
    compiled.registerFunction('hash', __hash, '<ss:s>');
    compiled.registerFunction('random', __random, '<n?:n>');
    compiled.registerFunction('uuid', function () { return __hostUuid(); }, '<:s>');
    compiled.registerFunction('parse', __parse, '<s:x>');
    if (__compiled.size >= __maxCompiled) {
        __compiled.clear();
    }
    __compiled.set(expression, compiled);
    return compiled;
}

// JsonataRuntime loads jsonata with async/await removed (see JsonataScriptTransform); Promise.all becomes this.
function __jsonataAll(items) {
    return items;
}

// Returns the result as JSON text, undefined for "no result", or false when the result cannot be JSON (a function).
function __evaluate(expression, inputJson, bindingsJson) {
    var compiled = __compile(expression);
    var result = compiled.evaluate(JSON.parse(inputJson), JSON.parse(bindingsJson));
    if (result === undefined) {
        return undefined;
    }
    var unsupported = false;
    var json = JSON.stringify(result, function (key, value) {
        if (typeof value === 'function' || (value !== null && typeof value === 'object' && value._jsonata_lambda === true)) {
            unsupported = true;
            return undefined;
        }
        return value;
    });
    return unsupported || json === undefined ? false : json;
}

function __validate(expression) {
    __compile(expression);
}
